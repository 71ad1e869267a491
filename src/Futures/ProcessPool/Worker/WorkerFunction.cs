using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>
/// A function the parent defined, found in this process on first use: the assembly is loaded by name (the worker runs
/// with the application's deps file, so the application's own assemblies resolve as they do in the parent) or, failing
/// that, from the file the parent named, with its dependencies resolved from that file's folder.
/// </summary>
[RequiresUnreferencedCode("The worker finds methods by name and serializes arguments and results with reflection.")]
[RequiresDynamicCode("The worker makes generic invokers and serializers at run time.")]
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
        _invoker = Invoker.Create(method, target);
    }

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
