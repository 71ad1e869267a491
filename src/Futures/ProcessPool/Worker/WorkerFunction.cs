using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>
/// A function the parent defined, found in this process on first use. In order: the delegate the source generator
/// registered under the function's name (no reflection); a method of the declaring type found by name and made into
/// the typed delegate of a shape the generator registered (a lambda, or a method the generated code cannot call;
/// Native AOT keeps the metadata of delegate targets); under the JIT, by reflection: the assembly is loaded by name
/// (the worker runs with the application's deps file, so the application's own assemblies resolve as they do in the
/// parent) or, failing that, from the file the parent named, with its dependencies resolved from that file's folder,
/// and the method found by its metadata token.
/// </summary>
internal sealed class WorkerFunction(FunctionDescriptor descriptor)
{
    private static readonly List<AssemblyDependencyResolver> s_resolvers = [];
    private static bool s_resolvingHooked;

    private Invoker? _invoker;

    /// <summary>How to call it; set by <see cref="Resolve"/>.</summary>
    public Invoker Invoker => _invoker ?? throw new InvalidOperationException("The function was not resolved.");

    /// <summary>Finds the method; throws (and the task fails with it) if this process cannot.</summary>
    public void Resolve()
    {
        if (_invoker is not null)
        {
            return;
        }

        _invoker = (descriptor.Key is { } key ? ProcessPoolRegistry.CreateByName(key) : null)
            ?? (RuntimeFeature.IsDynamicCodeSupported && descriptor.MethodToken != 0 ? ByReflection() : ByShape())
            ?? throw new NotSupportedException(
                $"The worker cannot call {descriptor}: the Futures source generator did not register it, and this app cannot use reflection (Native AOT). Pass a method or a lambda directly to Submit or Map, so that the generator sees it (docs/process-pool-aot.md).");
    }

    /// <summary>A method of the declaring type found by name, made into the typed delegate of its registered shape.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "The type declares the target of a delegate the parent made; Native AOT keeps its metadata, and a type it lacks fails this function with a message.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "As above: the method is a delegate target, whose metadata is kept.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "A lambda's closure class has a constructed instance (its cached singleton), so an uninitialized one can be made.")]
    private Invoker? ByShape()
    {
        if (descriptor.Shape is not { } shape || descriptor.MethodName is not { } name)
        {
            return null;
        }

        var type = Type.GetType(descriptor.TypeName, throwOnError: true)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var method = Array.Find(type.GetMethods(all), m => m.Name == name && ProcessPoolRegistry.Fits(shape, m))
            ?? throw new MissingMethodException(
                $"The worker found type '{type.FullName}' but no method '{name}' of the registered shape in it; the worker and the parent run different builds of '{descriptor.AssemblyName}'.");
        var target = descriptor.Target == FunctionTarget.StatelessInstance ? RuntimeHelpers.GetUninitializedObject(type) : null;
        return ProcessPoolRegistry.CreateByShape(shape, method, target);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Called only where dynamic code is supported (the JIT), which is also where the method token exists.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Called only where RuntimeFeature.IsDynamicCodeSupported.")]
    private Invoker ByReflection() => Reflect();

    [RequiresUnreferencedCode("The worker finds methods by name and serializes arguments and results with reflection.")]
    [RequiresDynamicCode("The worker makes generic invokers and serializers at run time.")]
    private Invoker Reflect()
    {
        var type = Type.GetType(descriptor.TypeName, LoadAssembly, typeResolver: null, throwOnError: true)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var method = Array.Find(type.GetMethods(all), m => m.MetadataToken == descriptor.MethodToken)
            ?? throw new MissingMethodException(
                $"The worker found type '{type.FullName}' but no method with token 0x{descriptor.MethodToken:X8} in it; the worker and the parent load different builds of '{descriptor.AssemblyName}'.");
        if (descriptor.MethodTypeArguments.Length > 0)
        {
            var arguments = Array.ConvertAll(
                descriptor.MethodTypeArguments, name => Type.GetType(name, LoadAssembly, typeResolver: null, throwOnError: true)!);
            method = method.MakeGenericMethod(arguments);
        }

        var target = descriptor.Target == FunctionTarget.StatelessInstance ? RuntimeHelpers.GetUninitializedObject(type) : null;
        return Invoker.Create(method, target);
    }

    [RequiresUnreferencedCode("Loads an assembly by name or path.")]
    private Assembly LoadAssembly(AssemblyName name)
    {
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException) when (descriptor.AssemblyPath is { } path && AssemblyName.ReferenceMatchesDefinition(name, new AssemblyName(descriptor.AssemblyName)))
        {
            // Not part of the application (loaded from a path in the parent): load the same file here.
            HookResolving(path);
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    [RequiresUnreferencedCode("Loads an assembly by path.")]
    private static void HookResolving(string path)
    {
        lock (s_resolvers)
        {
            s_resolvers.Add(new AssemblyDependencyResolver(path));
            if (s_resolvingHooked)
            {
                return;
            }

            s_resolvingHooked = true;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            lock (s_resolvers)
            {
                foreach (var resolver in s_resolvers)
                {
                    if (resolver.ResolveAssemblyToPath(name) is { } found)
                    {
                        return context.LoadFromAssemblyPath(found);
                    }
                }
            }

            return null;
        };
    }
}
