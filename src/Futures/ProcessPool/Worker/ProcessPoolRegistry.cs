using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Futures.Worker;

namespace Futures.ProcessPool;

/// <summary>
/// What the Futures source generator found in an application, registered by the module initializer it emits: the
/// functions passed to a process pool (with a typed invoker for each, so a worker calls them without reflection), the
/// JSON metadata of their arguments and results, and the exception types the application throws. Not for use in
/// application code; see docs/process-pool-aot.md.
/// </summary>
/// <remarks>
/// A function is registered under a <em>shape</em> (its delegate type, as the generator names it) and, when the
/// generated code can name the method, under a <em>name</em> too, with the delegate itself: a worker then calls that
/// delegate. A lambda, or a method the generated code cannot reach, is registered by shape only: a worker finds it by
/// its declaring type's and method's names, once, and makes the typed delegate from the shape.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProcessPoolRegistry
{
    private static readonly ConcurrentDictionary<Type, Shape> s_shapeByDelegate = new();
    private static readonly ConcurrentDictionary<string, Shape> s_shapeByKey = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<MethodInfo, string> s_nameByMethod = new();
    private static readonly ConcurrentDictionary<string, Func<Invoker>> s_byName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<string, Exception?, Exception>> s_exceptions = new(StringComparer.Ordinal);
    private static readonly Lock s_jsonGate = new();
    private static IJsonTypeInfoResolver[] s_json = [];

    /// <summary>Registers a function of no arguments and no result (an initializer, or <c>Submit(Action)</c>).</summary>
    /// <param name="shape">The generator's name of the delegate type.</param>
    /// <param name="method">The method as a delegate when the generated code can name it; otherwise null.</param>
    /// <param name="name">The generator's name of <paramref name="method"/>; null with it.</param>
    public static void RegisterAction(string shape, Action? method, string? name) =>
        Add<Action>(shape, method, name, fn => new ActionInvoker(fn), typeof(void));

    /// <summary>Registers a function of no arguments.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TResult">The result type.</typeparam>
    public static void RegisterFunc<TResult>(string shape, Func<TResult>? method, string? name) =>
        Add<Func<TResult>>(shape, method, name, fn => new Invoker<TResult>(fn), typeof(TResult));

    /// <summary>Registers a function of one argument.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TArg">The argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    public static void RegisterFunc<TArg, TResult>(string shape, Func<TArg, TResult>? method, string? name) =>
        Add<Func<TArg, TResult>>(shape, method, name, fn => new Invoker<TArg, TResult>(fn), typeof(TResult), typeof(TArg));

    /// <summary>Registers a function of two arguments (Submit with two, or Map over two sources).</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="T1">The first argument type.</typeparam>
    /// <typeparam name="T2">The second argument type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    public static void RegisterFunc<T1, T2, TResult>(string shape, Func<T1, T2, TResult>? method, string? name) =>
        Add<Func<T1, T2, TResult>>(shape, method, name, fn => new PairInvoker<T1, T2, TResult>(fn), typeof(TResult), typeof(T1), typeof(T2));

    /// <summary>Registers an async function of no arguments and no result.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    public static void RegisterAsyncAction(string shape, Func<Task>? method, string? name) =>
        Add<Func<Task>>(shape, method, name, fn => new AsyncActionInvoker(takesToken: false, _ => fn()), typeof(Task));

    /// <summary>Registers an async function of a CancellationToken and no result.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    public static void RegisterAsyncActionWithToken(string shape, Func<CancellationToken, Task>? method, string? name) =>
        Add<Func<CancellationToken, Task>>(shape, method, name, fn => new AsyncActionInvoker(takesToken: true, fn), typeof(Task), typeof(CancellationToken));

    /// <summary>Registers an async function of no arguments.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    public static void RegisterAsyncFunc<TResult>(string shape, Func<Task<TResult>>? method, string? name) =>
        Add<Func<Task<TResult>>>(shape, method, name, fn => new AsyncInvoker<Empty, TResult>(hasArgument: false, takesToken: false, (_, _) => fn()), typeof(Task<TResult>));

    /// <summary>Registers an async function of one argument.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TArg">The argument type.</typeparam>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    public static void RegisterAsyncFunc<TArg, TResult>(string shape, Func<TArg, Task<TResult>>? method, string? name) =>
        Add<Func<TArg, Task<TResult>>>(shape, method, name, fn => new AsyncInvoker<TArg, TResult>(hasArgument: true, takesToken: false, (arg, _) => fn(arg)), typeof(Task<TResult>), typeof(TArg));

    /// <summary>Registers an async function of a CancellationToken.</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    public static void RegisterAsyncFuncWithToken<TResult>(string shape, Func<CancellationToken, Task<TResult>>? method, string? name) =>
        Add<Func<CancellationToken, Task<TResult>>>(shape, method, name, fn => new AsyncInvoker<Empty, TResult>(hasArgument: false, takesToken: true, (_, token) => fn(token)), typeof(Task<TResult>), typeof(CancellationToken));

    /// <summary>Registers an async function of one argument and a CancellationToken (MapAsync).</summary>
    /// <inheritdoc cref="RegisterAction" path="/param"/>
    /// <typeparam name="TArg">The argument type.</typeparam>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    public static void RegisterAsyncFuncWithToken<TArg, TResult>(string shape, Func<TArg, CancellationToken, Task<TResult>>? method, string? name) =>
        Add<Func<TArg, CancellationToken, Task<TResult>>>(shape, method, name, fn => new AsyncInvoker<TArg, TResult>(hasArgument: true, takesToken: true, fn), typeof(Task<TResult>), typeof(TArg), typeof(CancellationToken));

    /// <summary>Adds JSON metadata for arguments and results; asked before System.Text.Json's reflection.</summary>
    /// <param name="resolver">The generated resolver.</param>
    public static void RegisterJson(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        lock (s_jsonGate)
        {
            s_json = [.. s_json, resolver];
        }
    }

    /// <summary>
    /// Registers how to rebuild an exception type that comes back from a worker: without reflection, so that the
    /// caller catches the type that was thrown in a Native AOT app too.
    /// </summary>
    /// <param name="fullName">The type's full name.</param>
    /// <param name="create">Makes one from the message and the inner exception.</param>
    public static void RegisterException(string fullName, Func<string, Exception?, Exception> create)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        ArgumentNullException.ThrowIfNull(create);
        s_exceptions.TryAdd(fullName, create);
    }

    /// <summary>The generated resolvers, in registration order.</summary>
    internal static IJsonTypeInfoResolver[] JsonResolvers => Volatile.Read(ref s_json);

    /// <summary>The generator's name for the method of <paramref name="fn"/>, if it registered the method as a delegate.</summary>
    internal static string? NameOf(Delegate fn) => s_nameByMethod.TryGetValue(fn.Method, out var name) ? name : null;

    /// <summary>The generator's name for the delegate type of <paramref name="fn"/>, if it saw that shape.</summary>
    internal static string? ShapeOf(Delegate fn) => s_shapeByDelegate.TryGetValue(fn.GetType(), out var shape) ? shape.Key : null;

    /// <summary>A new invoker of the function registered under <paramref name="name"/>, or null.</summary>
    internal static Invoker? CreateByName(string name) => s_byName.TryGetValue(name, out var create) ? create() : null;

    /// <summary>A new invoker of <paramref name="method"/> through the shape <paramref name="shape"/>, or null if that shape is unknown.</summary>
    internal static Invoker? CreateByShape(string shape, MethodInfo method, object? target) =>
        s_shapeByKey.TryGetValue(shape, out var known) ? known.Create(method, target) : null;

    /// <summary>True if <paramref name="method"/> fits the shape <paramref name="shape"/> (its parameter and return types).</summary>
    internal static bool Fits(string shape, MethodInfo method) => s_shapeByKey.TryGetValue(shape, out var known) && known.Fits(method);

    /// <summary>Rebuilds a registered exception type, or null.</summary>
    internal static Exception? CreateException(string fullName, string message, Exception? inner) =>
        s_exceptions.TryGetValue(fullName, out var create) ? create(message, inner) : null;

    private static void Add<TDelegate>(string shape, TDelegate? method, string? name, Func<TDelegate, Invoker> create, Type returns, params Type[] parameters)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(shape);
        var known = s_shapeByDelegate.GetOrAdd(typeof(TDelegate), _ => new Shape<TDelegate>(shape, create, returns, parameters));
        s_shapeByKey.TryAdd(known.Key, known);
        if (method is not null && name is not null)
        {
            s_byName.TryAdd(name, () => create(method));
            s_nameByMethod.TryAdd(method.Method, name);
        }
    }

    private abstract class Shape(string key, Type returns, Type[] parameters)
    {
        public string Key { get; } = key;

        public abstract Invoker Create(MethodInfo method, object? target);

        public bool Fits(MethodInfo method)
        {
            if (method.ReturnType != returns)
            {
                return false;
            }

            var actual = method.GetParameters();
            if (actual.Length != parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < actual.Length; i++)
            {
                if (actual[i].ParameterType != parameters[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class Shape<TDelegate>(string key, Func<TDelegate, Invoker> create, Type returns, Type[] parameters) : Shape(key, returns, parameters)
        where TDelegate : Delegate
    {
        public override Invoker Create(MethodInfo method, object? target) => create(method.CreateDelegate<TDelegate>(target));
    }
}
