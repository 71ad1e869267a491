namespace Futures;

/// <summary>A queued call that is its own future, so that a submission allocates one object.</summary>
internal abstract class WorkItem<TResult> : Future<TResult>, IWorkItem
{
    // Set only while the running thread publishes the outcome, so that it can hear when done-callbacks start.
    private IWorkItemHost? _host;

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

        if (host is not null)
        {
            // Before the outcome is visible: whoever sees this future done and submits again finds the worker free.
            _host = host;
            host.OnWorkReturned();
        }

        if (error is null)
        {
            TrySetResult(result);
        }
        else
        {
            TrySetException(error);
        }

        _host = null;
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Abandon() => Cancel();

    protected abstract TResult Invoke();

    private protected override void OnInvokingCallbacks() => _host?.OnCallbacksStarting();
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
