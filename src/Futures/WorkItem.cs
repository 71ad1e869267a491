namespace Futures;

/// <summary>A queued call that is its own future, so that a submission allocates one object.</summary>
internal abstract class WorkItem<TResult> : Future<TResult>, IWorkItem
{
    public void Run() => Run(host: null);

    public void Run(IWorkItemHost? host)
    {
        if (!SetRunningOrNotifyCancel())
        {
            return;
        }

        TResult result = default!;
        Exception? error = null;
        try
        {
            result = Invoke();
        }
#pragma warning disable CA1031 // The work's exception is its outcome: it belongs to the future, not the worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }

        if (host is null)
        {
            Publish(result, error);
            return;
        }

        // Before the outcome is visible: whoever sees this future done and submits again finds the worker free.
        host.OnWorkReturned();
        Publishing.Item = this;
        Publishing.Host = host;
        try
        {
            Publish(result, error);
        }
        finally
        {
            Publishing.Item = null;
            Publishing.Host = null;
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Abandon() => Cancel();

    protected abstract TResult Invoke();

    private protected override void OnInvokingCallbacks()
    {
        // Only for this item's own publication on its worker, not for other futures completed from its callbacks.
        if (ReferenceEquals(Publishing.Item, this))
        {
            Publishing.Host?.OnCallbacksStarting();
        }
    }

    private void Publish(TResult result, Exception? error)
    {
        if (error is null)
        {
            TrySetResult(result);
        }
        else
        {
            TrySetException(error);
        }
    }
}

/// <summary>
/// The item a worker thread is publishing and its host, per thread, so that a work item needs no field for them (a
/// submission stays one small object).
/// </summary>
internal static class Publishing
{
    [ThreadStatic]
    internal static IWorkItem? Item;

    [ThreadStatic]
    internal static IWorkItemHost? Host;
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

/// <summary><c>fn(arg1, arg2)</c> as a work item (Map over two sources).</summary>
internal sealed class CallWorkItem<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2) : WorkItem<TResult>
{
    protected override TResult Invoke() => fn(arg1, arg2);
}

/// <summary>An <see cref="Action"/> as a work item; its future is the non-generic one callers see.</summary>
internal sealed class ActionWorkItem(Action fn) : WorkItem<VoidResult>
{
    protected override VoidResult Invoke()
    {
        fn();
        return default;
    }
}

/// <summary>What a worker thread needs of a queued item, whatever its result type.</summary>
internal interface IWorkItem
{
    /// <summary>Runs the work unless it was cancelled, and completes its future.</summary>
    void Run();

    /// <summary>Like <see cref="Run()"/>, telling <paramref name="host"/> when the work has returned and when callbacks start.</summary>
    void Run(IWorkItemHost? host);

    /// <summary>Fails a pending item (the pool broke).</summary>
    void Fail(Exception exception);

    /// <summary>Cancels a pending item (Shutdown with cancelFutures).</summary>
    void Abandon();
}

/// <summary>The thread that runs work items, told when one is about to be published and when its callbacks start.</summary>
internal interface IWorkItemHost
{
    /// <summary>The work returned (or threw); its outcome is about to be published. Not called for a cancelled item.</summary>
    void OnWorkReturned();

    /// <summary>Done-callbacks of the item are about to run on this thread; called at most once per item, after <see cref="OnWorkReturned"/>.</summary>
    void OnCallbacksStarting();
}
