namespace Futures;

public abstract partial class Executor
{
    /// <summary>Schedules <paramref name="fn"/>, work without a result, and returns a future that is done when it is.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future Submit(Action fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitCore(fn);
    }

    /// <summary>
    /// Schedules async work. The future completes when the task does, with its result or exception; the work holds one
    /// of the executor's workers from its start until its task completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future<T> Submit<T>(Func<Task<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitTaskCore(fn);
    }

    /// <summary>Schedules async work without a result; the future completes when the task does.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future Submit(Func<Task> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitTaskCore(fn);
    }

    /// <summary>Schedules async <c>fn(arg)</c>; the future completes when the task does.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future<TResult> Submit<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitTaskCore(fn, arg);
    }

    /// <summary>
    /// Schedules async work that takes a token, which the executor cancels when it is shut down with
    /// <c>cancelFutures: true</c>. Work that ends with OperationCanceledException finishes its future with it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future<T> Submit<T>(Func<CancellationToken, Task<T>> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitTaskCore(fn);
    }

    /// <summary>Like <see cref="Submit{T}(Func{CancellationToken, Task{T}})"/>, for work without a result.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future Submit(Func<CancellationToken, Task> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitTaskCore(fn);
    }

    // The cores receive the caller's own delegate, unwrapped: an executor that runs work elsewhere checks that it is
    // static and identifies its method.

    /// <summary>Schedules work without a result; the callable was checked for null.</summary>
    protected abstract Future SubmitCore(Action fn);

    /// <summary>Schedules <c>fn(arg1, arg2)</c> (a Map over two sources); the callable was checked for null.</summary>
    protected abstract Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2);

    /// <summary>Schedules async work; the callable was checked for null.</summary>
    protected abstract Future<T> SubmitTaskCore<T>(Func<Task<T>> fn);

    /// <summary>Schedules async work without a result; the callable was checked for null.</summary>
    protected abstract Future SubmitTaskCore(Func<Task> fn);

    /// <summary>Schedules async work with one argument; the callable was checked for null.</summary>
    protected abstract Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg);

    /// <summary>Schedules async work given the executor's shutdown token; the callable was checked for null.</summary>
    protected abstract Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn);

    /// <summary>Schedules async work without a result, given the executor's shutdown token; the callable was checked for null.</summary>
    protected abstract Future SubmitTaskCore(Func<CancellationToken, Task> fn);

    /// <summary>
    /// Schedules async <c>fn(arg, token)</c> (MapAsync), the token being the executor's shutdown token; the callable was
    /// checked for null.
    /// </summary>
    protected abstract Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg);
}
