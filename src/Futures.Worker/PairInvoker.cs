using System.Text.Json;

namespace Futures.Worker;

/// <summary>A method with two parameters (Map over two sources): the argument travels as the pair (T1, T2).</summary>
internal sealed class PairInvoker<T1, T2, TResult>(Func<T1, T2, TResult> fn) : Invoker
{
    private readonly Invoker<(T1, T2), TResult> _pairs = new(pair => fn(pair.Item1, pair.Item2));

    public override void Call(ReadOnlySpan<byte> argumentJson, Utf8JsonWriter json) => _pairs.Call(argumentJson, json);

    public override (int Count, Exception? Error) CallChunk(ReadOnlySpan<byte> argumentsJson, Utf8JsonWriter json) =>
        _pairs.CallChunk(argumentsJson, json);
}
