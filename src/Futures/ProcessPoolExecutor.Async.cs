using Futures.ProcessPool;

namespace Futures;

// Version 2 work (issue 11): Action, two arguments, and async methods. The rules are Submit's: a static method or a
// lambda that captures nothing, serializable arguments and results. An async method is awaited in the worker, which
// runs one task at a time, so it holds its worker (one of MaxWorkers) from its start until its task completes.
public sealed partial class ProcessPoolExecutor
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future SubmitCore(Action fn) => Enqueue(new ProcessWorkItem<VoidResult>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing, or the arguments cannot be serialized.
    /// </exception>
    protected override Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessWorkItem<TResult>(NextTaskId(), function, Serialize((arg1, arg2), function)));
    }

    /// <summary>A chunk of a Map over two sources: the pairs as one JSON array, as for one source.</summary>
    private protected override Future<MapChunk<TResult>> SubmitChunk<T1, T2, TResult>(Func<T1, T2, TResult> fn, (T1, T2)[] chunk)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessChunkWorkItem<TResult>(NextTaskId(), function, Serialize(chunk, function)));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future<T> SubmitTaskCore<T>(Func<Task<T>> fn) => Enqueue(new ProcessWorkItem<T>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null));

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future SubmitTaskCore(Func<Task> fn) => Enqueue(new ProcessWorkItem<VoidResult>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing, or <paramref name="arg"/> cannot be serialized.
    /// </exception>
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessWorkItem<TResult>(NextTaskId(), function, Serialize(arg, function)));
    }

    /// <inheritdoc />
    /// <remarks>The token is made in the worker; Shutdown with <c>cancelFutures: true</c> cancels it there with a Cancel message.</remarks>
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn) =>
        Enqueue(new ProcessWorkItem<T>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null, takesToken: true));

    /// <inheritdoc />
    /// <remarks>The token is made in the worker; Shutdown with <c>cancelFutures: true</c> cancels it there with a Cancel message.</remarks>
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future SubmitTaskCore(Func<CancellationToken, Task> fn) =>
        Enqueue(new ProcessWorkItem<VoidResult>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null, takesToken: true));

    /// <inheritdoc />
    /// <remarks>The token is made in the worker; Shutdown with <c>cancelFutures: true</c> cancels it there with a Cancel message.</remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing, or <paramref name="arg"/> cannot be serialized.
    /// </exception>
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessWorkItem<TResult>(NextTaskId(), function, Serialize(arg, function), takesToken: true));
    }
}
