using Futures.Telemetry;

namespace Futures;

/// <summary>A queued call that is its own future, so that a submission allocates one object.</summary>
/// <remarks>
/// The work runs under the execution context captured at Submit. The default context (nothing to flow, the common
/// case) takes a fast path: the work is called directly on the worker thread, which is then reset to the default
/// context in case the work changed it, so nothing one item sets is seen by the next.
/// </remarks>
internal abstract class WorkItem<TResult> : Future<TResult>, IWorkItem
{
    /// <summary>The futures.executor.type of work items run by a ThreadPoolExecutor.</summary>
    private protected const string ThreadPoolType = "thread_pool";

    private readonly ExecutionContext? _context = CaptureContext();

    public virtual void Run(IWorkItemHost host)
    {
        if (TrySetRunning() != true)
        {
            // Cancelled, or completed or started by hand before its turn: nothing to run, nothing to publish.
            host.OnSkipped();
            return;
        }

        TResult result = default!;
        Exception? error = null;
        if (_context is null)
        {
            var scope = WorkScope.Start(ThreadPoolType, host.ExecutorName);
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

            scope.Stop(ThreadPoolType, host.ExecutorName, error);
            WorkerThread.Reset();
        }
        else
        {
            // Telemetry starts inside the submitter's context, where its Activity.Current is the one to link to.
            Staged.Host = host;
            ExecutionContext.Run(_context, static state => ((WorkItem<TResult>)state!).InvokeStaged(), this);
            (result, error) = Staged.Take();
        }

        // Before the outcome is visible: whoever sees this future done and submits again finds the worker free.
        host.OnWorkReturned();
        PublishOnWorker(host, result, error);
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Abandon() => Cancel();

    protected abstract TResult Invoke();

    /// <summary>The context captured at Submit; null for the default one, or when its flow is suppressed.</summary>
    private protected ExecutionContext? Context => _context;

    /// <summary>Publishes the outcome on a worker, telling <paramref name="host"/> if done-callbacks are about to run.</summary>
    private protected void PublishOnWorker(IWorkItemHost host, TResult result, Exception? error)
    {
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

    private protected void Publish(TResult result, Exception? error)
    {
        // Try: the future may have been completed by hand while the work ran; the first outcome stands.
        if (error is null)
        {
            TrySetResult(result);
        }
        else
        {
            TrySetException(error);
        }
    }

    private protected override void OnInvokingCallbacks()
    {
        // Only for this item's own publication on its worker, not for other futures completed from its callbacks.
        if (ReferenceEquals(Publishing.Item, this))
        {
            Publishing.Host?.OnCallbacksStarting();
        }
    }

    private static ExecutionContext? CaptureContext()
    {
        var context = ExecutionContext.Capture();
        return ReferenceEquals(context, ExecutionContexts.Default) ? null : context;
    }

    private void InvokeStaged()
    {
        var name = Staged.Host!.ExecutorName;
        var scope = WorkScope.Start(ThreadPoolType, name);
        try
        {
            Staged.Put(Invoke(), null);
        }
#pragma warning disable CA1031 // As above: the work's exception is its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Staged.Put(default!, ex);
        }

        scope.Stop(ThreadPoolType, name, Staged.Error);
    }

    /// <summary>The outcome of work run inside ExecutionContext.Run, carried out of it per thread (no field per item).</summary>
    private static class Staged
    {
        [ThreadStatic]
        private static TResult? t_result;

        [ThreadStatic]
        private static Exception? t_error;

        /// <summary>The host of the item being run, for its telemetry tags.</summary>
        [ThreadStatic]
        internal static IWorkItemHost? Host;

        public static Exception? Error => t_error;

        public static void Put(TResult result, Exception? error)
        {
            t_result = result;
            t_error = error;
        }

        public static (TResult Result, Exception? Error) Take()
        {
            var taken = (t_result!, t_error);
            t_result = default;
            t_error = null;
            Host = null;
            return taken;
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

/// <summary>What a worker thread restores between items.</summary>
internal static class WorkerThread
{
    /// <summary>
    /// Puts the thread back to the default execution context and no synchronization context, if the work changed
    /// them (an AsyncLocal set, a flow suppressed and not restored, a context installed): nothing leaks to the next item.
    /// </summary>
    public static void Reset()
    {
        if (!ReferenceEquals(ExecutionContext.Capture(), ExecutionContexts.Default))
        {
            ExecutionContext.Restore(ExecutionContexts.Default);
        }

        if (SynchronizationContext.Current is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }
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
    /// <summary>
    /// Runs the work unless it is no longer pending (cancelled, or completed or started by hand), and completes its
    /// future, telling <paramref name="host"/> when the work has returned and when callbacks start.
    /// </summary>
    void Run(IWorkItemHost host);

    /// <summary>Fails a pending item (the pool broke).</summary>
    void Fail(Exception exception);

    /// <summary>Cancels a pending item (Shutdown with cancelFutures).</summary>
    void Abandon();
}

/// <summary>
/// The thread that runs work items, told when one is about to be published and when its callbacks start. Each run item
/// holds one of the pool's slots, which exactly one of <see cref="OnSkipped"/>, <see cref="OnWorkReturned"/> or (for
/// async work still in progress) the pool's own release gives back.
/// </summary>
internal interface IWorkItemHost
{
    /// <summary>The item was not pending any more and did not run; its slot is free.</summary>
    void OnSkipped();

    /// <summary>The work returned (or threw); its slot is free and its outcome about to be published.</summary>
    void OnWorkReturned();

    /// <summary>Done-callbacks of the item are about to run on this thread; called at most once per item, after <see cref="OnWorkReturned"/>.</summary>
    void OnCallbacksStarting();

    /// <summary>The executor's name, for telemetry tags (futures.executor.name).</summary>
    string ExecutorName { get; }
}
