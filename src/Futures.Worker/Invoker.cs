using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>
/// Calls a resolved method through a typed delegate and reads and writes its argument and result with typed JSON
/// metadata: no boxing and no reflection per call, which is most of the cost of a tiny task.
/// </summary>
internal abstract class Invoker
{
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

    protected static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)PayloadJson.Options.GetTypeInfo(typeof(T));
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
