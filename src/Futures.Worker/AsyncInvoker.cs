using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Futures.Worker;

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

    private static AsyncInvoker<Empty, Empty?> NoArgumentNoResult(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<Task>>(target);
        return new(hasArgument: false, takesToken: false, (_, _) => NoResult(fn()));
    }

    private static AsyncInvoker<Empty, T> TokenOnly<T>(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<CancellationToken, Task<T>>>(target);
        return new(hasArgument: false, takesToken: true, (_, token) => fn(token));
    }

    private static AsyncInvoker<Empty, Empty?> TokenOnlyNoResult(MethodInfo method, object? target)
    {
        var fn = method.CreateDelegate<Func<CancellationToken, Task>>(target);
        return new(hasArgument: false, takesToken: true, (_, token) => NoResult(fn(token)));
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

    private static async Task<Empty?> NoResult(Task task)
    {
        await task.ConfigureAwait(false);
        return null; // written as JSON null, which the parent's non-generic future ignores
    }
}

/// <summary>No argument, or no result: a type System.Text.Json writes as null.</summary>
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
