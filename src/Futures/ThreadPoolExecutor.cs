using System.Collections.Concurrent;
using System.Diagnostics;
using Futures.Telemetry;

namespace Futures;

/// <summary>
/// An <see cref="Executor"/> that runs work on its own dedicated threads, at most <see cref="MaxWorkers"/> of them
/// (Python's <c>ThreadPoolExecutor</c>). Threads start lazily, one per submission while none is idle, and an idle one
/// is always reused before another is started.
/// </summary>
/// <remarks>
/// <para>At most <see cref="MaxWorkers"/> items are in progress at once: each holds a slot from its start until it is
/// done. Sync work holds its thread for all that time. Async work holds its slot until its task completes but no thread
/// while it awaits: its continuations are posted back to this pool (it runs under the pool's SynchronizationContext),
/// so they run on the pool's own threads, where per-thread state from the initializer holds. Async work needs few
/// threads, so it starts at most one per processor on its own; a pool whose threads are all busy and make no progress
/// for a while (blocked inside async work) gets another thread, up to MaxWorkers.</para>
/// <para>Submissions go to one lock-free queue. A worker that finds nothing to run counts itself idle and sleeps on a
/// semaphore; a submitter that sees an idle worker claims it and releases one permit, otherwise it starts a thread if
/// the cap allows. The worker re-checks for work after counting itself idle, so a submission racing with it is never
/// lost. A worker counts itself idle as soon as its work returns, before the future is seen done, so that submitting
/// again after reading a result reuses it; it takes that back if done-callbacks are about to run on it.</para>
/// <para>Every item runs under the execution context captured when it was submitted, never under one left behind by
/// another item: threads are started without a context (UnsafeStart) and reset between items.</para>
/// </remarks>
public sealed partial class ThreadPoolExecutor : Executor, IObservedExecutor
{
    private static int s_poolCount;

    private readonly ConcurrentQueue<IWorkItem> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly List<Thread> _threads = [];
    private readonly string _threadNamePrefix;
    private readonly Action? _initializer;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _idle;
    private int _liveThreads;
    private int _threadCount;
    private int _inProgress;
    private int _shutdown;
    private volatile BrokenThreadPoolException? _broken;

    /// <summary>Creates a pool; no thread starts until work is submitted.</summary>
    /// <param name="maxWorkers">
    /// The most threads the pool will run, and the most items in progress at once. The default value is
    /// <c>Math.Min(32, Environment.ProcessorCount + 4)</c>.
    /// </param>
    /// <param name="threadNamePrefix">
    /// Thread names are <c>{prefix}_{n}</c>. The default value, "", names them <c>ThreadPoolExecutor-{pool}_{n}</c>.
    /// </param>
    /// <param name="initializer">
    /// Runs once on each worker thread before its first item, under the default execution context (set per-thread
    /// state with [ThreadStatic]; AsyncLocal values it sets do not reach the work). If it throws, the pool is broken:
    /// pending and later submissions fail with <see cref="BrokenThreadPoolException"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is below 1.</exception>
    public ThreadPoolExecutor(int? maxWorkers = null, string threadNamePrefix = "", Action? initializer = null)
    {
        var workers = maxWorkers ?? Math.Min(32, Environment.ProcessorCount + 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(maxWorkers));
        ArgumentNullException.ThrowIfNull(threadNamePrefix);
        MaxWorkers = workers;
        _asyncThreadLimit = Math.Min(workers, Environment.ProcessorCount);
        _threadNamePrefix = threadNamePrefix.Length > 0
            ? threadNamePrefix
            : $"ThreadPoolExecutor-{Interlocked.Increment(ref s_poolCount) - 1}";
        _initializer = initializer;
        _synchronizationContext = new PoolSynchronizationContext(this);
        ExecutorMetrics.Register(this);
    }

    /// <summary>The most threads this pool runs at once, and the most items it has in progress.</summary>
    public int MaxWorkers { get; }

    /// <summary>How many worker threads have been started so far (never more than <see cref="MaxWorkers"/>).</summary>
    public int ThreadCount
    {
        get
        {
            lock (_gate)
            {
                return _threads.Count;
            }
        }
    }

    string IObservedExecutor.ExecutorType => "thread_pool";

    string IObservedExecutor.ExecutorName => _threadNamePrefix;

    int IObservedExecutor.PendingCount => _queue.Count;

    int IObservedExecutor.RunningCount => Volatile.Read(ref _inProgress);

    int IObservedExecutor.WorkerCount => Volatile.Read(ref _liveThreads);

    private bool IsShutdown => Volatile.Read(ref _shutdown) != 0;

    /// <summary>Shut down or broken: no more submissions; threads leave once nothing is queued or in progress.</summary>
    private bool IsStopping => IsShutdown || _broken is not null;

    /// <inheritdoc />
    /// <remarks>
    /// With <paramref name="cancelFutures"/>, queued work is cancelled and the token given to async work
    /// (<see cref="Executor.Submit{T}(Func{CancellationToken, Task{T}})"/>) is cancelled. Waiting also waits for async
    /// work in progress to complete.
    /// </remarks>
    public override void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        Thread[] threads;
        List<IWorkItem>? abandoned = null;
        lock (_gate)
        {
            Interlocked.Exchange(ref _shutdown, 1);
            if (cancelFutures)
            {
                abandoned = Drain();
            }

            // One permit per thread wakes every sleeper; each leaves once nothing is queued or in progress.
            WakeAllLocked();
            threads = [.. _threads];
        }

        // Outside the gate: cancelling runs the futures' done-callbacks and the token's callbacks, which may call back
        // into this executor.
        abandoned?.ForEach(item => item.Abandon());
        if (cancelFutures)
        {
            CancelWorkToken();
        }

        if (Volatile.Read(ref _liveThreads) == 0)
        {
            OnTerminated();
        }

        if (wait)
        {
            foreach (var thread in threads)
            {
                if (thread != Thread.CurrentThread)
                {
                    thread.Join();
                }
            }
        }
    }

    /// <inheritdoc />
    public override Task ShutdownAsync(bool cancelFutures = false)
    {
        Shutdown(wait: false, cancelFutures);
        return _terminated.Task;
    }

    /// <inheritdoc />
    protected override Future<T> SubmitCore<T>(Func<T> fn) => Enqueue(new CallWorkItem<T>(fn));

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<TArg, TResult>(Func<TArg, TResult> fn, TArg arg) =>
        Enqueue(new CallWorkItem<TArg, TResult>(fn, arg));

    /// <inheritdoc />
    protected override Future SubmitCore(Action fn) => Enqueue(new ActionWorkItem(fn));

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2) =>
        Enqueue(new CallWorkItem<T1, T2, TResult>(fn, arg1, arg2));

    private TItem Enqueue<TItem>(TItem item, bool isAsync = false)
        where TItem : IWorkItem
    {
        // Under the gate so that Shutdown cannot slip between the check and the enqueue and strand the item.
        lock (_gate)
        {
            if (_broken is { } broken)
            {
                throw new BrokenThreadPoolException(broken.Message, broken.InnerException);
            }

            if (IsShutdown)
            {
                throw new InvalidOperationException(
                    $"Cannot submit work: ThreadPoolExecutor '{_threadNamePrefix}' was shut down. Submit before calling Shutdown(), or create a new executor.");
            }

            _queue.Enqueue(item);
            if (isAsync)
            {
                EnsureWatchdogLocked();
            }

            // Every slot taken: the item waits, and whoever frees a slot next picks it up (or wakes a worker for it).
            if (Volatile.Read(ref _inProgress) >= MaxWorkers)
            {
                return item;
            }

            if (TryClaimIdleWorker())
            {
                _wake.Release();
            }
            else if (_threads.Count < (isAsync ? _asyncThreadLimit : MaxWorkers))
            {
                StartWorker();
            }

            Debug.Assert(_threads.Count <= MaxWorkers, "Never more threads than MaxWorkers.");
        }

        return item;
    }

    /// <summary>Takes every queued item; called under the gate once no more can be enqueued.</summary>
    private List<IWorkItem> Drain()
    {
        var items = new List<IWorkItem>();
        while (_queue.TryDequeue(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    private void WakeAllLocked()
    {
        if (_threads.Count > 0)
        {
            _wake.Release(_threads.Count);
        }
    }

    private void OnTerminated()
    {
        StopWatchdog();
        ExecutorMetrics.Unregister(this);
        _terminated.TrySetResult();
    }
}
