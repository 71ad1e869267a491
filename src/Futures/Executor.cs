namespace Futures;

/// <summary>
/// Runs callables asynchronously and hands back a <see cref="Future{T}"/> for each (Python's
/// <c>concurrent.futures.Executor</c>). Dispose it, or call <see cref="Shutdown"/>, to release its workers.
/// </summary>
public abstract partial class Executor : IDisposable, IAsyncDisposable
{
    /// <summary>Schedules <paramref name="fn"/> and returns a future for its result.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future<T> Submit<T>(Func<T> fn)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitCore(fn);
    }

    /// <summary>Schedules <c>fn(arg)</c> and returns a future for its result.</summary>
    /// <exception cref="InvalidOperationException">The executor was shut down.</exception>
    /// <exception cref="BrokenExecutorException">The executor is broken.</exception>
    public Future<TResult> Submit<TArg, TResult>(Func<TArg, TResult> fn, TArg arg)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return SubmitCore(fn, arg);
    }

    /// <summary>
    /// Signals the executor to free its resources once pending work is done. Further submissions are refused. With
    /// <paramref name="wait"/>, returns only when all work has finished and the workers are gone; with
    /// <paramref name="cancelFutures"/>, work that has not started is cancelled. Calling it again does nothing more.
    /// </summary>
    public abstract void Shutdown(bool wait = true, bool cancelFutures = false);

    /// <summary>Shuts the executor down and waits for its work to finish (Shutdown(wait: true)).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts the executor down and waits for its work to finish (<see cref="ShutdownAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Schedules a parameterless callable; the argument was checked for null.</summary>
    protected abstract Future<T> SubmitCore<T>(Func<T> fn);

    /// <summary>Schedules a callable with one argument; the callable was checked for null.</summary>
    protected abstract Future<TResult> SubmitCore<TArg, TResult>(Func<TArg, TResult> fn, TArg arg);

    /// <summary>Releases the executor; the default shuts it down and waits.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Shutdown(wait: true);
        }
    }

    /// <summary>
    /// Shuts the executor down like <see cref="Shutdown"/> and completes when all its work has finished and its workers
    /// are gone. The default runs the blocking shutdown on the .NET thread pool; executors override it to wait without
    /// blocking a thread.
    /// </summary>
    public virtual Task ShutdownAsync(bool cancelFutures = false) => Task.Run(() => Shutdown(wait: true, cancelFutures));
}
