namespace Futures;

// Version 2 cores this executor does not run yet: each refuses with NotSupportedException until it is implemented.
public sealed partial class ProcessPoolExecutor
{
    /// <inheritdoc />
    protected override Future SubmitCore(Action fn) => throw NotYet("Submit(Action)");

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2) =>
        throw NotYet("Map over two sources");

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<Task<T>> fn) => throw NotYet("async work");

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<Task> fn) => throw NotYet("async work");

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg) => throw NotYet("async work");

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn) => throw NotYet("async work");

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<CancellationToken, Task> fn) => throw NotYet("async work");

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg) =>
        throw NotYet("async work");

    private static NotSupportedException NotYet(string what) =>
        new($"ProcessPoolExecutor does not run {what} yet. Submit a synchronous static method, or use ThreadPoolExecutor for this work.");
}
