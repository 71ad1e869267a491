using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Futures.ProcessPool;

/// <summary>
/// Decides which delegates can run in a worker process and numbers them. The rule (docs/process-pool.md): a worker gets
/// only a method's name and the argument, so the delegate must carry no state. Accepted: a static method (Target is
/// null), and a lambda that captures nothing, which C# compiles to an instance method of a compiler-generated class
/// with no instance fields (its cached singleton <c>&lt;&gt;c</c>). Refused: a lambda that captures variables or
/// <c>this</c> (its class has fields), an instance method of any other type, a static method bound to a first
/// argument, a multicast delegate and a method generated at run time.
/// <para>Where the Futures source generator saw the delegate (<see cref="ProcessPoolRegistry"/>), its descriptor also
/// carries the generator's names, by which a worker finds it without reflection; where reflection is not available
/// (Native AOT) a delegate the generator did not see is refused here.</para>
/// </summary>
/// <param name="owner">The executor named in refusals. ClusterExecutor (Futures.Orleans) passes its own name.</param>
/// <param name="destination">Where the work would go, as said in refusals: "a worker process", "a silo".</param>
internal sealed class PoolFunctions(string owner = "ProcessPoolExecutor", string destination = "a worker process")
{
    private static readonly ConcurrentDictionary<Type, string?> s_statelessCheck = new();

    private readonly ConcurrentDictionary<MethodInfo, PoolFunction> _byMethod = new();
    private int _lastId;

    /// <summary>The function for <paramref name="fn"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="fn"/> cannot run in another process; the message says why.</exception>
    public PoolFunction Get(Delegate fn, string parameterName)
    {
        var method = fn.Method;
        if (_byMethod.TryGetValue(method, out var known) && IsSameShape(fn, known))
        {
            return known;
        }

        var target = Check(fn, parameterName);
        var shape = ProcessPoolRegistry.ShapeOf(fn);
        var key = ProcessPoolRegistry.NameOf(fn);
        if (shape is null && key is null && !RuntimeFeature.IsDynamicCodeSupported)
        {
            // Without reflection a worker can only call what the generator registered: say so here, at the caller.
            throw new ArgumentException(
                $"{owner} cannot send {Describe(method)} to {destination}: the Futures source generator did not see it passed to Submit or Map, and this app cannot find methods by reflection (Native AOT). Pass the method or lambda directly to Submit or Map (the build warns FUT0001 where it cannot see one; docs/process-pool-aot.md).",
                parameterName);
        }

        return _byMethod.GetOrAdd(method, m => Create(m, target, shape, key));
    }

    private static bool IsSameShape(Delegate fn, PoolFunction known) =>
        fn.HasSingleTarget && (fn.Target is null
            ? known.Descriptor.Target == FunctionTarget.None
            : known.Descriptor.Target == FunctionTarget.StatelessInstance && fn.Target.GetType() == fn.Method.DeclaringType);

    private FunctionTarget Check(Delegate fn, string parameterName)
    {
        var method = fn.Method;
        string? reason = null;
        var target = FunctionTarget.None;
        if (!fn.HasSingleTarget)
        {
            reason = "it is a multicast delegate (several methods)";
        }
        else if (method.DeclaringType is null || method.Module.Assembly.IsDynamic)
        {
            reason = "it was generated at run time, so no worker can load it";
        }
        else if (fn.Target is null)
        {
            if (!method.IsStatic)
            {
                reason = "it is an open instance method";
            }
        }
        else if (method.IsStatic)
        {
            reason = $"it is bound to an object of type '{fn.Target.GetType().Name}' (a static method closed over its first argument)";
        }
        else if (fn.Target.GetType() != method.DeclaringType)
        {
            reason = $"it is an instance method of '{method.DeclaringType.Name}'";
        }
        else
        {
            reason = s_statelessCheck.GetOrAdd(method.DeclaringType, StatelessReason);
            target = FunctionTarget.StatelessInstance;
        }

        if (reason is not null)
        {
            throw new ArgumentException(
                $"{owner} cannot send {Describe(method)} to {destination}: {reason}. A worker gets only the method's name and the argument; pass a static method or a lambda that captures nothing (mark it 'static'), and pass data as the argument.",
                parameterName);
        }

        return target;
    }

    /// <summary>Null if instances of <paramref name="type"/> carry no state; otherwise why not.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "As IL2070: base types' fields the trimmer removed are never read.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Fields the trimmer removed are never read, so they carry no state; a closure class is refused by its name as well.")]
    private static string? StatelessReason(Type type)
    {
        if (!IsCompilerGenerated(type))
        {
            return $"it is an instance method of '{type.Name}'";
        }

        // C#'s closure classes: a trimmed app may lack the metadata of their fields, not their names.
        if (type.Name.Contains("DisplayClass", StringComparison.Ordinal))
        {
            var captured = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            return captured.Length == 0
                ? "it is a lambda that captures state"
                : $"it is a lambda that captures state ({string.Join(", ", captured.Select(f => f.Name.Contains("__this", StringComparison.Ordinal) ? "this" : f.Name))})";
        }

        var fields = new List<string>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                fields.Add(field.Name.Contains("__this", StringComparison.Ordinal) ? "this" : field.Name);
            }
        }

        return fields.Count == 0 ? null : $"it is a lambda that captures state ({string.Join(", ", fields)})";
    }

    /// <summary>Compiler-generated: by its attribute, or (where attribute metadata was trimmed) by C#'s unspeakable name.</summary>
    private static bool IsCompilerGenerated(Type type) =>
        type.Name.StartsWith('<') || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location is handled: the worker then loads the assembly by name only.")]
    private PoolFunction Create(MethodInfo method, FunctionTarget target, string? shape, string? key)
    {
        var type = method.DeclaringType!;
        var assembly = type.Assembly;
        var descriptor = new FunctionDescriptor(
            target,
            assembly.FullName ?? assembly.GetName().Name ?? "",
            string.IsNullOrEmpty(assembly.Location) ? null : assembly.Location,
            type.AssemblyQualifiedName ?? throw new ArgumentException($"{Describe(method)} has no assembly-qualified type name."),
            RuntimeFeature.IsDynamicCodeSupported ? method.MetadataToken : 0, // Native AOT has no metadata tokens
            method.IsGenericMethod ? Array.ConvertAll(method.GetGenericArguments(), t => t.AssemblyQualifiedName ?? t.FullName ?? t.Name) : [],
            method.Name,
            shape,
            key);
        return new PoolFunction(Interlocked.Increment(ref _lastId), descriptor, Describe(method));
    }

    /// <summary>Type.Method; for a lambda, the method it was written in (its compiled name is unreadable).</summary>
    private static string Describe(MethodInfo method)
    {
        var type = method.DeclaringType;
        var name = method.Name;
        var close = name.IndexOf('>', StringComparison.Ordinal);
        if (name.StartsWith('<') && close > 1)
        {
            var outer = type is not null && IsCompilerGenerated(type) ? type.DeclaringType : type;
            return $"the lambda in {outer?.Name}.{name[1..close]}";
        }

        return $"{type?.Name}.{name}";
    }
}
