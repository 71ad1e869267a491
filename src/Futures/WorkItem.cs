namespace Futures;

/// <summary>A queued call that is its own future, so that a submission allocates one object.</summary>
internal abstract class WorkItem<TResult> : Future<TResult>, IWorkItem
{
    public void Run()
    {
        if (!SetRunningOrNotifyCancel())
        {
            return;
        }

        TResult result;
        try
        {
            result = Invoke();
        }
#pragma warning disable CA1031 // The work's exception is its outcome: it belongs to the future, not the worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TrySetException(ex);
            return;
        }

        TrySetResult(result);
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Abandon() => Cancel();

    protected abstract TResult Invoke();
}

/// <summary><c>fn()</c> as a work item.</summary>
internal sealed class CallWorkItem<TResult>(Func<TResult> fn) : WorkItem<TResult>
{
    protected override TResult Invoke() => fn();
}

/// <summary><c>fn(arg)</c> as a work item.</summary>
internal sealed class CallWorkItem<TArg, TResult>(Func<TArg, TResult> fn, TArg arg) : WorkItem<TResult>
{
    protected override TResult Invoke() => fn(arg);
}

/// <summary>What a worker thread needs of a queued item, whatever its result type.</summary>
internal interface IWorkItem
{
    /// <summary>Runs the work unless it was cancelled, and completes its future.</summary>
    void Run();

    /// <summary>Fails a pending item (the pool broke).</summary>
    void Fail(Exception exception);

    /// <summary>Cancels a pending item (Shutdown with cancelFutures).</summary>
    void Abandon();
}
