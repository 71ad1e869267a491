using System.Collections.Concurrent;
using System.Diagnostics;

namespace Futures;

/// <summary>
/// An <see cref="Executor"/> that runs work on its own dedicated threads, at most <see cref="MaxWorkers"/> of them
/// (Python's <c>ThreadPoolExecutor</c>). Threads start lazily, one per submission while none is idle, and an idle one
/// is always reused before another is started.
/// </summary>
/// <remarks>
/// Submissions go to one lock-free queue. A worker that finds it empty counts itself idle and sleeps on a semaphore;
/// a submitter that sees an idle worker claims it and releases one permit, otherwise it starts a thread if the cap
/// allows. The worker re-checks the queue after counting itself idle, so a submission racing with it is never lost.
/// A worker counts itself idle as soon as its work returns, before the future is seen done, so that submitting again
/// after reading a result reuses it; it takes that back if done-callbacks are about to run on it.
/// </remarks>
public sealed class ThreadPoolExecutor : Executor
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
    private int _shutdown;
    private volatile BrokenThreadPoolException? _broken;

    /// <summary>Creates a pool; no thread starts until work is submitted.</summary>
    /// <param name="maxWorkers">
    /// The most threads the pool will run. The default value is <c>Math.Min(32, Environment.ProcessorCount + 4)</c>.
    /// </param>
    /// <param name="threadNamePrefix">
    /// Thread names are <c>{prefix}_{n}</c>. The default value, "", names them <c>ThreadPoolExecutor-{pool}_{n}</c>.
    /// </param>
    /// <param name="initializer">
    /// Runs once on each worker thread before its first item. If it throws, the pool is broken: pending and later
    /// submissions fail with <see cref="BrokenThreadPoolException"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> is below 1.</exception>
    public ThreadPoolExecutor(int? maxWorkers = null, string threadNamePrefix = "", Action? initializer = null)
    {
        var workers = maxWorkers ?? Math.Min(32, Environment.ProcessorCount + 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(maxWorkers));
        ArgumentNullException.ThrowIfNull(threadNamePrefix);
        MaxWorkers = workers;
        _threadNamePrefix = threadNamePrefix.Length > 0
            ? threadNamePrefix
            : $"ThreadPoolExecutor-{Interlocked.Increment(ref s_poolCount) - 1}";
        _initializer = initializer;
    }

    /// <summary>The most threads this pool runs at once.</summary>
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

    private bool IsShutdown => Volatile.Read(ref _shutdown) != 0;

    /// <inheritdoc />
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

            // One permit per thread wakes every sleeper; each then finds the queue drained and leaves.
            if (_threads.Count > 0)
            {
                _wake.Release(_threads.Count);
            }

            threads = [.. _threads];
        }

        // Outside the gate: cancelling runs the futures' done-callbacks, which may call back into this executor.
        abandoned?.ForEach(item => item.Abandon());

        if (Volatile.Read(ref _liveThreads) == 0)
        {
            _terminated.TrySetResult();
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
    protected override Future<T> SubmitCore<T>(Func<T> fn)
    {
        var item = new CallWorkItem<T>(fn);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<TArg, TResult>(Func<TArg, TResult> fn, TArg arg)
    {
        var item = new CallWorkItem<TArg, TResult>(fn, arg);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    protected override Future SubmitCore(Action fn)
    {
        var item = new ActionWorkItem(fn);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2)
    {
        var item = new CallWorkItem<T1, T2, TResult>(fn, arg1, arg2);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<Task<T>> fn) => throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<Task> fn) => throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg) =>
        throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn) =>
        throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<CancellationToken, Task> fn) => throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg) =>
        throw new NotSupportedException("async work: next commit");

    /// <inheritdoc />
    public override Task ShutdownAsync(bool cancelFutures = false)
    {
        Shutdown(wait: false, cancelFutures);
        return _terminated.Task;
    }

    private void Enqueue(IWorkItem item)
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
            if (TryClaimIdleWorker())
            {
                _wake.Release();
            }
            else if (_threads.Count < MaxWorkers)
            {
                StartWorker();
            }

            Debug.Assert(_threads.Count <= MaxWorkers, "Never more threads than MaxWorkers.");
        }
    }

    private bool TryClaimIdleWorker()
    {
        var idle = Volatile.Read(ref _idle);
        while (idle > 0)
        {
            var seen = Interlocked.CompareExchange(ref _idle, idle - 1, idle);
            if (seen == idle)
            {
                return true;
            }

            idle = seen;
        }

        return false;
    }

    private void StartWorker()
    {
        var thread = new Thread(WorkerLoop)
        {
            IsBackground = true,
            Name = $"{_threadNamePrefix}_{_threads.Count}",
        };
        _threads.Add(thread);
        Interlocked.Increment(ref _liveThreads);
        thread.Start();
    }

    private void WorkerLoop()
    {
        var worker = new Worker(this);
        try
        {
            if (_initializer is not null && !RunInitializer(_initializer))
            {
                return;
            }

            while (true)
            {
                if (!worker.HoldsIdleMark)
                {
                    if (_queue.TryDequeue(out var item))
                    {
                        // Marks the worker idle just before the outcome is published (see Worker).
                        item.Run(worker);
                        continue;
                    }

                    if (_broken is not null)
                    {
                        return; // The pool drained the queue when it broke.
                    }

                    if (IsShutdown)
                    {
                        // Nothing is enqueued after the flag is set, but an item enqueued just before it may have
                        // landed after our failed dequeue: leave only once the queue is seen empty.
                        if (_queue.IsEmpty)
                        {
                            return;
                        }

                        continue;
                    }

                    worker.MarkIdle();
                }

                // A submission may have landed before our idle mark was visible; if we can take a mark back, go and
                // get it. If a submitter already claimed the mark, its permit is on the way: wait for it.
                if (!_queue.IsEmpty && TryClaimIdleWorker())
                {
                    worker.HoldsIdleMark = false;
                    continue;
                }

                _wake.Wait();
                worker.HoldsIdleMark = false;
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _liveThreads) == 0 && IsShutdown)
            {
                _terminated.TrySetResult();
            }
        }
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

    /// <summary>Starts a thread for queued work that would otherwise wait on a busy worker, if the cap allows.</summary>
    private void StartWorkerForQueuedWork()
    {
        lock (_gate)
        {
            if (!IsShutdown && _broken is null && !_queue.IsEmpty && _threads.Count < MaxWorkers)
            {
                StartWorker();
            }
        }
    }

    private bool RunInitializer(Action initializer)
    {
        try
        {
            initializer();
            return true;
        }
#pragma warning disable CA1031 // Any initializer failure breaks the pool; it is reported through every pending future.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            List<IWorkItem> pending;
            string message;
            lock (_gate)
            {
                _broken ??= new BrokenThreadPoolException(
                    $"A thread initializer failed ({ex.GetType().Name}: {ex.Message}); ThreadPoolExecutor '{_threadNamePrefix}' can no longer run work. Fix the initializer and create a new executor.",
                    ex);
                message = _broken.Message;
                pending = Drain();
                _wake.Release(_threads.Count);
            }

            // Outside the gate, as in Shutdown: failing a future runs its done-callbacks.
            foreach (var item in pending)
            {
                item.Fail(new BrokenThreadPoolException(message, ex));
            }

            return false;
        }
    }

    /// <summary>
    /// One worker thread's idle bookkeeping. Every idle mark a worker adds to <c>_idle</c> is matched later by exactly
    /// one wait on <c>_wake</c> or one successful claim of a mark (marks are interchangeable between workers). A worker
    /// adds its mark as soon as its work returns, before the outcome is published: a caller that sees the future done
    /// and submits again then reuses this thread instead of starting another (Python's test_idle_thread_reuse).
    /// </summary>
    private sealed class Worker(ThreadPoolExecutor pool) : IWorkItemHost
    {
        /// <summary>True while a mark added by this worker is not yet matched.</summary>
        public bool HoldsIdleMark { get; set; }

        public void MarkIdle()
        {
            Interlocked.Increment(ref pool._idle);
            HoldsIdleMark = true;
        }

        public void OnWorkReturned() => MarkIdle();

        public void OnCallbacksStarting()
        {
            // User callbacks may run long (or wait on other work of this pool): be busy again while they run.
            if (pool.TryClaimIdleWorker())
            {
                HoldsIdleMark = false;
                return;
            }

            // A submitter already counted on this thread; give its work a thread of its own if the cap allows.
            pool.StartWorkerForQueuedWork();
        }
    }
}
