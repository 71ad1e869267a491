using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>
/// Calls a resolved method through a typed delegate and reads and writes its argument and result with typed JSON
/// metadata: no boxing and no reflection per call, which is most of the cost of a tiny task. The invokers of every
/// shape live in this file because the silo host (Futures.Orleans) compiles it too. They are made either from the
/// delegates the source generator registered (<see cref="ProcessPoolRegistry"/>: no reflection, Native AOT) or, under
/// the JIT, by <see cref="Create"/> from a method found by reflection.
/// </summary>
internal abstract class Invoker
{
    /// <summary>The reflection fallback (JIT only): an invoker made at run time for a method the generator did not register.</summary>
    [RequiresUnreferencedCode("The worker finds methods by name and serializes arguments and results with reflection.")]
    [RequiresDynamicCode("The worker makes generic invokers and serializers at run time.")]
    public static Invoker Create(MethodInfo method, object? target)
    {
        if (AsyncInvoker.TryCreate(method, target) is { } awaited)
        {
            return awaited;
        }

        var parameters = method.GetParameters();
        if (method.ReturnType == typeof(void) && parameters.Length == 0)
        {
            return new ActionInvoker(method.CreateDelegate<Action>(target)); // an initializer
        }

        var types = Array.ConvertAll(parameters, p => p.ParameterType);
        var (invokerType, delegateType) = types.Length switch
        {
            0 => (typeof(Invoker<>), typeof(Func<>)),
            1 => (typeof(Invoker<,>), typeof(Func<,>)),
            2 => (typeof(PairInvoker<,,>), typeof(Func<,,>)), // Map over two sources: the argument is the pair
            _ => throw new NotSupportedException($"The worker cannot call '{method.DeclaringType?.Name}.{method.Name}': it takes {types.Length} parameters."),
        };
        Type[] typeArguments = [.. types, method.ReturnType];
        return (Invoker)Activator.CreateInstance(
            invokerType.MakeGenericType(typeArguments), method.CreateDelegate(delegateType.MakeGenericType(typeArguments), target))!;
    }

    /// <summary>True if the method takes a CancellationToken, which the parent can cancel with a Cancel frame.</summary>
    public virtual bool TakesToken => false;

    /// <summary>Runs one call and writes its result as JSON; the method's exception propagates.</summary>
    public abstract void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json);

    /// <summary>Like <see cref="Call(ReadOnlySpan{byte}, Utf8JsonWriter)"/>, passing <paramref name="cancellationToken"/> to a method that takes one.</summary>
    public virtual void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json, CancellationToken cancellationToken) => Call(argumentJson, json);

    /// <summary>
    /// Runs the method over a JSON array of arguments, writing a JSON array of results; stops at the first item that
    /// throws. Returns how many succeeded and that item's exception.
    /// </summary>
    public abstract (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json);

    protected static JsonTypeInfo<T> Info<T>() => PayloadJson.Info<T>();
}

/// <summary>A method with no parameters and no result: an initializer.</summary>
internal sealed class ActionInvoker(Action action) : Invoker
{
    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json)
    {
        action();
        json.WriteNullValue();
    }

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        throw new InvalidOperationException("An initializer cannot be mapped over items.");
}

/// <summary>A method with no parameters.</summary>
internal sealed class Invoker<TResult>(Func<TResult> fn) : Invoker
{
    private readonly JsonTypeInfo<TResult> _result = Info<TResult>();

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) => JsonSerializer.Serialize(json, fn(), _result);

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        throw new InvalidOperationException("A parameterless method cannot be mapped over items.");
}

/// <summary>A method with one parameter.</summary>
internal sealed class Invoker<TArg, TResult>(Func<TArg, TResult> fn) : Invoker
{
    private readonly JsonTypeInfo<TArg> _argument = Info<TArg>();
    private readonly JsonTypeInfo<TArg[]> _arguments = Info<TArg[]>();
    private readonly JsonTypeInfo<TResult> _result = Info<TResult>();
    private readonly JsonTypeInfo<TResult[]> _results = Info<TResult[]>();

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) =>
        JsonSerializer.Serialize(json, fn(JsonSerializer.Deserialize(argumentJson, _argument)!), _result);

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json)
    {
        var arguments = JsonSerializer.Deserialize(argumentsJson, _arguments) ?? [];
        var results = new TResult[arguments.Length];
        var count = 0;
        Exception? error = null;
        for (; count < arguments.Length; count++)
        {
            try
            {
                results[count] = fn(arguments[count]);
            }
#pragma warning disable CA1031 // The item's exception surfaces at that item in the parent, as Python's chunked map does.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
                break;
            }
        }

        // One serializer call for the whole array: per-call overhead would otherwise dominate tiny results.
        JsonSerializer.Serialize(json, count == results.Length ? results : results[..count], _results);
        return (count, error);
    }
}

/// <summary>A method with two parameters (Map over two sources): the argument travels as the pair (T1, T2).</summary>
internal sealed class PairInvoker<T1, T2, TResult>(Func<T1, T2, TResult> fn) : Invoker
{
    private readonly Invoker<(T1, T2), TResult> _pairs = new(pair => fn(pair.Item1, pair.Item2));

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) => _pairs.Call(argumentJson, json);

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        _pairs.CallChunk(argumentsJson, json);
}

/// <summary>
/// Calls a method that returns a Task or Task&lt;T&gt; and waits for that task in the worker, so the task's result
/// (not the task) goes back and the worker stays busy, holding its slot of the pool, until the task completes. The
/// shapes the pool submits (issue 11): () -> Task&lt;T&gt;, () -> Task, (TArg) -> Task&lt;T&gt;,
/// (CancellationToken) -> Task&lt;T&gt;, (CancellationToken) -> Task and, for MapAsync, (TArg, CancellationToken) ->
/// Task&lt;T&gt;; each is adapted once, at resolve time, to (argument, token) -> Task&lt;T&gt;.
/// </summary>
internal static class AsyncInvoker
{
    /// <summary>The invoker for an async method; null if <paramref name="method"/> does not return a Task.</summary>
    [RequiresUnreferencedCode("The worker finds methods by name and serializes arguments and results with reflection.")]
    [RequiresDynamicCode("The worker makes generic invokers and serializers at run time.")]
    public static Invoker? TryCreate(MethodInfo method, object? target)
    {
        var returns = method.ReturnType;
        if (!typeof(Task).IsAssignableFrom(returns))
        {
            return null;
        }

        var result = returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? returns.GetGenericArguments()[0] : null;
        var parameters = Array.ConvertAll(method.GetParameters(), p => p.ParameterType);
        var (factory, typeArguments) = (parameters, result) switch
        {
            ([], not null) => (nameof(NoArgument), new[] { result }),
            ([], null) => (nameof(NoArgumentNoResult), []),
            ([var token], not null) when token == typeof(CancellationToken) => (nameof(TokenOnly), new[] { result }),
            ([var token], null) when token == typeof(CancellationToken) => (nameof(TokenOnlyNoResult), []),
            ([var argument], not null) => (nameof(ArgumentOnly), new[] { argument, result }),
            ([var argument, var token], not null) when token == typeof(CancellationToken) => (nameof(ArgumentAndToken), new[] { argument, result }),
            _ => throw new NotSupportedException(
                $"The worker cannot call '{method.DeclaringType?.Name}.{method.Name}': an async method for ProcessPoolExecutor takes nothing, one argument, a CancellationToken, or one argument and a CancellationToken."),
        };

        var create = typeof(AsyncInvoker).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!;
        return (Invoker)(typeArguments.Length == 0 ? create : create.MakeGenericMethod(typeArguments)).Invoke(null, [method, target])!;
    }

    private static AsyncInvoker<Empty, T> NoArgument<T>(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<Task<T>>>(target);
        return new(hasArgument: false, takesToken: false, (_, _) => fn());
    }

    private static AsyncActionInvoker NoArgumentNoResult(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<Task>>(target);
        return new(takesToken: false, _ => fn());
    }

    private static AsyncInvoker<Empty, T> TokenOnly<T>(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<CancellationToken, Task<T>>>(target);
        return new(hasArgument: false, takesToken: true, (_, token) => fn(token));
    }

    private static AsyncActionInvoker TokenOnlyNoResult(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<CancellationToken, Task>>(target);
        return new(takesToken: true, fn);
    }

    private static AsyncInvoker<TArg, TResult> ArgumentOnly<TArg, TResult>(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<TArg, Task<TResult>>>(target);
        return new(hasArgument: true, takesToken: false, (argument, _) => fn(argument));
    }

    private static AsyncInvoker<TArg, TResult> ArgumentAndToken<TArg, TResult>(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<TArg, CancellationToken, Task<TResult>>>(target);
        return new(hasArgument: true, takesToken: true, fn);
    }
}

/// <summary>No argument: the type argument of an async invoker that reads none.</summary>
internal sealed class Empty
{
    private Empty()
    {
    }
}

/// <summary>An async method adapted to (argument, token) -> Task&lt;TResult&gt;, waited for on the worker's thread.</summary>
internal sealed class AsyncInvoker<TArg, TResult>(bool hasArgument, bool takesToken, Func<TArg, CancellationToken, Task<TResult>> fn) : Invoker
{
    private readonly JsonTypeInfo<TArg>? _argument = hasArgument ? Info<TArg>() : null;
    private readonly JsonTypeInfo<TResult> _result = Info<TResult>();

    public override bool TakesToken => takesToken;

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) => Call(argumentJson, json, CancellationToken.None);

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        var argument = _argument is null ? default! : JsonSerializer.Deserialize(argumentJson, _argument)!;

        // The worker runs one task at a time, so waiting here holds the worker until the task completes; there is no
        // synchronization context, so the task's continuations run on the worker's thread pool and cannot deadlock.
        var result = fn(argument, cancellationToken).GetAwaiter().GetResult();
        JsonSerializer.Serialize(json, result, _result);
    }

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        throw new InvalidOperationException("An async method is not mapped over chunks of items.");
}

/// <summary>An async method with no result, waited for on the worker's thread; the answer is JSON null.</summary>
internal sealed class AsyncActionInvoker(bool takesToken, Func<CancellationToken, Task> fn) : Invoker
{
    public override bool TakesToken => takesToken;

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) => Call(argumentJson, json, CancellationToken.None);

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        fn(cancellationToken).GetAwaiter().GetResult();
        json.WriteNullValue(); // the parent's non-generic future ignores it
    }

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        throw new InvalidOperationException("An async method is not mapped over chunks of items.");
}
