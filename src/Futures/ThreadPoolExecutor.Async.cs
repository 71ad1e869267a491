using System.Collections.Concurrent;
using System.Diagnostics;

namespace Futures;

public sealed partial class ThreadPoolExecutor
{
    // How often a pool with async work checks that its threads make progress (see CheckProgress).
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<Continuation> _continuations = new();
    private readonly PoolSynchronizationContext _synchronizationContext;
    private readonly CancellationTokenSource _workToken = new();
    private readonly int _asyncThreadLimit;
    private Timer? _watchdog;
    private int _lastProgress;

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<Task<T>> fn) =>
        Enqueue(new TaskWorkItem<T>(_synchronizationContext, fn), isAsync: true);

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<Task> fn) =>
        Enqueue(new TaskWorkItem(_synchronizationContext, fn), isAsync: true);

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg) =>
        Enqueue(new TaskWorkItem<TArg, TResult>(_synchronizationContext, fn, arg), isAsync: true);

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn) =>
        Enqueue(new TokenTaskWorkItem<T>(_synchronizationContext, fn), isAsync: true);

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<CancellationToken, Task> fn) =>
        Enqueue(new TokenTaskWorkItem(_synchronizationContext, fn), isAsync: true);

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg) =>
        Enqueue(new TokenTaskWorkItem<TArg, TResult>(_synchronizationContext, fn, arg), isAsync: true);

    /// <summary>Queues a continuation of async work to run on one of this pool's threads.</summary>
    private void Post(SendOrPostCallback callback, object? state)
    {
        _continuations.Enqueue(new Continuation(callback, state));
        if (Volatile.Read(ref _liveThreads) == 0)
        {
            // No thread left to run it (the pool has terminated): never lose it.
            RunStragglersElsewhere();
            return;
        }

        WakeForAsyncWork();
    }

    /// <summary>Wakes an idle worker, or starts a thread within the async limit, for a continuation or a queued item.</summary>
    private void WakeForAsyncWork()
    {
        if (TryClaimIdleWorker())
        {
            _wake.Release();
            return;
        }

        // On a worker of this pool the current thread gets to the work itself; otherwise start one if few are running.
        if (t_workerOf != this && Volatile.Read(ref _threadCount) < _asyncThreadLimit)
        {
            lock (_gate)
            {
                if (!IsStopping && _threads.Count < _asyncThreadLimit && HasRunnableWork)
                {
                    StartWorker();
                }
            }
        }
    }

    private void RunContinuation(Continuation continuation)
    {
        // Later awaits of the same async work come back here too.
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
#pragma warning disable CA1031 // An async void method's exception lands here; it must not end the worker thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"ThreadPoolExecutor '{_threadNamePrefix}': a continuation threw: {ex}");
        }

        WorkerThread.Reset();
    }

    /// <summary>Hands continuations nobody here will run to the .NET thread pool (after the last thread left).</summary>
    private void RunStragglersElsewhere()
    {
        while (_continuations.TryDequeue(out var continuation))
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static c =>
                {
                    try
                    {
                        c.Callback(c.State);
                    }
#pragma warning disable CA1031 // As in RunContinuation.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        Trace.TraceError($"ThreadPoolExecutor: a late continuation threw: {ex}");
                    }
                },
                continuation,
                preferLocal: false);
        }
    }

    private void CancelWorkToken()
    {
        try
        {
            _workToken.Cancel();
        }
#pragma warning disable CA1031 // A throwing token callback belongs to the work that registered it, not to Shutdown's caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"ThreadPoolExecutor '{_threadNamePrefix}': a cancellation callback threw: {ex}");
        }
    }

    private void EnsureWatchdogLocked()
    {
        if (_watchdog is not null)
        {
            return;
        }

        // The timer must not capture the submitter's context.
        var restore = !ExecutionContext.IsFlowSuppressed();
        var flow = restore ? ExecutionContext.SuppressFlow() : default;
        try
        {
            _watchdog = new Timer(static state => ((ThreadPoolExecutor)state!).CheckProgress(), this, s_progressInterval, s_progressInterval);
        }
        finally
        {
            if (restore)
            {
                flow.Undo();
            }
        }
    }

    /// <summary>
    /// Starts another thread (up to MaxWorkers) when there is work to run, no thread is idle, and none has taken
    /// anything since the last check: every thread is stuck in something long (async work that blocks), and without
    /// one more, work it waits for might never run.
    /// </summary>
    private void CheckProgress()
    {
        try
        {
            var progress = _progress;
            if (progress == _lastProgress && Volatile.Read(ref _idle) == 0 && HasRunnableWork)
            {
                lock (_gate)
                {
                    if (_broken is null && _threads.Count < MaxWorkers && Volatile.Read(ref _liveThreads) > 0)
                    {
                        StartWorker();
                    }
                }
            }

            _lastProgress = progress;
        }
#pragma warning disable CA1031 // A timer callback must never throw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"ThreadPoolExecutor '{_threadNamePrefix}': progress check failed: {ex}");
        }
    }

    private void StopWatchdog()
    {
        lock (_gate)
        {
            _watchdog?.Dispose();
        }
    }

    private readonly record struct Continuation(SendOrPostCallback Callback, object? State);

    /// <summary>
    /// The SynchronizationContext async work runs under: <c>await</c> posts its continuation back to the pool. Work
    /// that wants to leave the pool uses ConfigureAwait(false). The shutdown token rides along for the work items.
    /// </summary>
    private sealed class PoolSynchronizationContext(ThreadPoolExecutor pool) : SynchronizationContext, ITaskWorkHost
    {
        public SynchronizationContext SynchronizationContext => this;

        /// <summary>The token given to async work; cancelled by Shutdown(cancelFutures: true).</summary>
        public CancellationToken WorkToken => pool._workToken.Token;

        public string ExecutorName => pool._threadNamePrefix;

        /// <inheritdoc />
        public override void Post(SendOrPostCallback d, object? state)
        {
            ArgumentNullException.ThrowIfNull(d);
            pool.Post(d, state);
        }

        /// <inheritdoc />
        public override SynchronizationContext CreateCopy() => this;

        /// <summary>Releases the slot of async work whose task completed.</summary>
        public void ReleaseSlot() => pool.ReleaseSlot();
    }
}
