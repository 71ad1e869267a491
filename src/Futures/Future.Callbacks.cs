using System.Diagnostics;

namespace Futures;

public abstract partial class Future
{
    // Marks a future whose waiters and callbacks have been taken for notification; later ones run at once.
    private static readonly object s_notified = new();

    // null, one waiter or callback, a List<object> of them in the order added, or s_notified.
    private object? _continuations;

    /// <summary>
    /// Raised when a done-callback throws. The exception is otherwise ignored (Python logs it), so that one failing
    /// callback neither disturbs the others nor the thread that completed the future. The sender is the future.
    /// </summary>
    public static event EventHandler<DoneCallbackFailedEventArgs>? DoneCallbackFailed;

    /// <summary>
    /// Calls <paramref name="callback"/> with this future when it is done: on the thread that completes it, or at once on
    /// this thread if it is already done. Callbacks run in the order they were added, each exactly once, never under a lock.
    /// A callback that throws is reported through <see cref="DoneCallbackFailed"/> and does not stop the others.
    /// It runs under the execution context of this call (none if its flow is suppressed), as a task continuation does.
    /// </summary>
    public void AddDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);

        // A future seen done runs the callback here and now, even while its completing thread is still notifying
        // the others (Python's add_done_callback does the same): the caller may rely on it having run on return.
        if (Done)
        {
            InvokeCallback(callback);
            return;
        }

        // The default context needs no wrapper: a bare callback runs under the default context.
        var context = ExecutionContext.Capture();
        object continuation = context is null || ReferenceEquals(context, ExecutionContexts.Default)
            ? callback
            : new ContextCallback(callback, context);
        if (!TryAddContinuation(continuation))
        {
            InvokeCallback(callback);
        }
    }

    /// <summary>Registers a waiter; false (and nothing registered) if the future is already done.</summary>
    internal bool TryAddWaiter(IFutureWaiter waiter) => TryAddContinuation(waiter);

    /// <summary>Unregisters a waiter that is no longer interested (a timed-out wait), so it is not kept alive.</summary>
    internal void RemoveWaiter(IFutureWaiter waiter)
    {
        while (true)
        {
            var current = Volatile.Read(ref _continuations);
            if (ReferenceEquals(current, waiter))
            {
                if (Interlocked.CompareExchange(ref _continuations, null, waiter) == waiter)
                {
                    return;
                }

                continue;
            }

            if (current is List<object> list)
            {
                lock (list)
                {
                    if (ReferenceEquals(Volatile.Read(ref _continuations), list))
                    {
                        list.Remove(waiter);
                        return;
                    }
                }

                continue;
            }

            return; // Already notified, or never added.
        }
    }

    private bool TryAddContinuation(object continuation)
    {
        while (true)
        {
            var current = Volatile.Read(ref _continuations);
            if (ReferenceEquals(current, s_notified))
            {
                return false;
            }

            if (current is null)
            {
                if (Interlocked.CompareExchange(ref _continuations, continuation, null) is null)
                {
                    return true;
                }

                continue;
            }

            if (current is List<object> list)
            {
                lock (list)
                {
                    // The completing thread swaps the list out, then takes this lock once: adding only while the list
                    // is still installed means nothing added here can be missed.
                    if (ReferenceEquals(Volatile.Read(ref _continuations), list))
                    {
                        list.Add(continuation);
                        return true;
                    }
                }

                continue;
            }

            var grown = new List<object>(4) { current, continuation };
            if (Interlocked.CompareExchange(ref _continuations, grown, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Runs once the state is final: wakes waiters first, then runs callbacks in the order added.</summary>
    private void OnCompleted()
    {
        var taken = Interlocked.Exchange(ref _continuations, s_notified);
        switch (taken)
        {
            case null:
                return;
            case IFutureWaiter waiter:
                waiter.OnCompleted(this);
                return;
            case Action<Future> or ContextCallback:
                OnInvokingCallbacks();
                InvokeContinuation(taken);
                return;
        }

        var list = (List<object>)taken;
        lock (list)
        {
            // Barrier: an adder that saw the list installed has finished adding before we read it.
        }

        foreach (var item in list)
        {
            if (item is IFutureWaiter waiter)
            {
                waiter.OnCompleted(this);
            }
        }

        var announced = false;
        foreach (var item in list)
        {
            if (item is Action<Future> or ContextCallback)
            {
                if (!announced)
                {
                    OnInvokingCallbacks();
                    announced = true;
                }

                InvokeContinuation(item);
            }
        }
    }

    /// <summary>
    /// Called on the completing thread once, after waiters are woken and before the first done-callback runs (only if
    /// there is one). A worker that counted itself free before publishing an outcome takes that back here, since user
    /// callbacks may take any time.
    /// </summary>
    private protected virtual void OnInvokingCallbacks()
    {
    }

    /// <summary>Runs a done-callback under the context its AddDoneCallback captured (the default one if bare).</summary>
    private void InvokeContinuation(object continuation)
    {
        if (continuation is ContextCallback contextual)
        {
            ExecutionContext.Run(contextual.Context, static state => ((ContextCallback)state!).Invoke(), contextual.Bind(this));
            return;
        }

        var callback = (Action<Future>)continuation;
        var current = ExecutionContext.Capture();
        if (current is null || ReferenceEquals(current, ExecutionContexts.Default))
        {
            InvokeCallback(callback);
            return;
        }

        // Completed under someone else's context (inside a work item's own): do not lend it to this callback.
        ExecutionContext.Run(ExecutionContexts.Default, static state => ((ContextCallback)state!).Invoke(), new ContextCallback(callback, ExecutionContexts.Default).Bind(this));
    }

    private void InvokeCallback(Action<Future> callback)
    {
        try
        {
            callback(this);
        }
#pragma warning disable CA1031 // A callback's failure is reported, never allowed to break the completing thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"Exception in a done-callback of {this}: {ex}");
            ReportCallbackFailure(ex);
        }
    }

    private void ReportCallbackFailure(Exception exception)
    {
        try
        {
            DoneCallbackFailed?.Invoke(this, new DoneCallbackFailedEventArgs(exception));
        }
#pragma warning disable CA1031 // A failing handler must not take down the worker thread that completed the future.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"Exception in a {nameof(DoneCallbackFailed)} handler of {this}: {ex}");
        }
    }

    /// <summary>A done-callback with the execution context captured when it was added.</summary>
    private sealed class ContextCallback(Action<Future> callback, ExecutionContext context)
    {
        private Future? _future;

        public ExecutionContext Context { get; } = context;

        public ContextCallback Bind(Future future)
        {
            _future = future;
            return this;
        }

        public void Invoke() => _future!.InvokeCallback(callback);
    }
}
