using System.Diagnostics;

namespace Futures;

public sealed partial class ThreadPoolExecutor
{
    // The pool whose worker the current thread is, so that a slot freed here needs no wake-up: the thread looks for
    // more work itself as soon as it is back in its loop.
    [ThreadStatic]
    private static ThreadPoolExecutor? t_workerOf;

    // Bumped (without atomics: only "has it changed" matters) each time a worker takes something to run.
    private int _progress;

    /// <summary>Continuations to run, or queued items with a free slot to start them in.</summary>
    private bool HasRunnableWork =>
        !_continuations.IsEmpty || (!_queue.IsEmpty && Volatile.Read(ref _inProgress) < MaxWorkers);

    /// <summary>Nothing queued, nothing to continue and nothing in progress: a stopping pool's threads may leave.</summary>
    private bool IsDrained => _queue.IsEmpty && _continuations.IsEmpty && Volatile.Read(ref _inProgress) == 0;

    private void StartWorker()
    {
        var thread = new Thread(WorkerLoop)
        {
            IsBackground = true,
            Name = $"{_threadNamePrefix}_{_threads.Count}",
        };
        _threads.Add(thread);
        Volatile.Write(ref _threadCount, _threads.Count);
        Interlocked.Increment(ref _liveThreads);

        // No context of the submitter's: each item brings its own.
        thread.UnsafeStart();
    }

    private void WorkerLoop()
    {
        t_workerOf = this;
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
                    if (TryRunNext(worker))
                    {
                        continue;
                    }

                    if (IsStopping && IsDrained)
                    {
                        return;
                    }

                    worker.MarkIdle();
                }

                // Work may have landed before our idle mark was visible; if we can take a mark back, go and get it.
                // If a submitter already claimed the mark, its permit is on the way: wait for it.
                if (HasRunnableWork && TryClaimIdleWorker())
                {
                    worker.HoldsIdleMark = false;
                    continue;
                }

                if (IsStopping && IsDrained)
                {
                    return;
                }

                _wake.Wait();
                worker.HoldsIdleMark = false;
            }
        }
        finally
        {
            t_workerOf = null;
            if (Interlocked.Decrement(ref _liveThreads) == 0)
            {
                // The last thread: a continuation posted after the others looked must still run somewhere.
                RunStragglersElsewhere();
                if (IsStopping)
                {
                    OnTerminated();
                }
            }
        }
    }

    /// <summary>Runs one continuation, or starts one queued item if a slot is free; false if there was nothing to run.</summary>
    private bool TryRunNext(Worker worker)
    {
        if (_continuations.TryDequeue(out var continuation))
        {
            _progress++;
            RunContinuation(continuation);
            return true;
        }

        if (_queue.IsEmpty || !TryTakeSlot())
        {
            return false;
        }

        if (!_queue.TryDequeue(out var item))
        {
            ReleaseSlot();
            return false;
        }

        _progress++;
        try
        {
            // Marks the worker idle just before the outcome is published (see Worker).
            item.Run(worker);
        }
#pragma warning disable CA1031 // Run catches the work's own exceptions; anything else must not end the worker thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Trace.TraceError($"ThreadPoolExecutor '{_threadNamePrefix}': a work item failed outside its work: {ex}");
        }

        return true;
    }

    private bool TryTakeSlot()
    {
        var taken = Volatile.Read(ref _inProgress);
        while (taken < MaxWorkers)
        {
            var seen = Interlocked.CompareExchange(ref _inProgress, taken + 1, taken);
            if (seen == taken)
            {
                return true;
            }

            taken = seen;
        }

        return false;
    }

    /// <summary>Gives a slot back, from any thread; wakes a worker for queued work if no worker is about to look.</summary>
    private void ReleaseSlot()
    {
        var left = Interlocked.Decrement(ref _inProgress);
        if (t_workerOf != this && !_queue.IsEmpty)
        {
            WakeForAsyncWork();
        }

        if (left == 0 && IsStopping && _queue.IsEmpty && _continuations.IsEmpty)
        {
            // The last item of a stopping pool: let the sleeping threads see that they may leave.
            lock (_gate)
            {
                WakeAllLocked();
            }
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

    /// <summary>Starts a thread for queued work that would otherwise wait on a busy worker, if the cap allows.</summary>
    private void StartWorkerForQueuedWork()
    {
        lock (_gate)
        {
            if (!IsStopping && !_queue.IsEmpty && _threads.Count < MaxWorkers)
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
            WorkerThread.Reset();
            return true;
        }
#pragma warning disable CA1031 // Any initializer failure breaks the pool; it is reported through every pending future.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WorkerThread.Reset();
            List<IWorkItem> pending;
            string message;
            lock (_gate)
            {
                _broken ??= new BrokenThreadPoolException(
                    $"A thread initializer failed ({ex.GetType().Name}: {ex.Message}); ThreadPoolExecutor '{_threadNamePrefix}' can no longer run work. Fix the initializer and create a new executor.",
                    ex);
                message = _broken.Message;
                pending = Drain();
                WakeAllLocked();
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

        public string ExecutorName => pool._threadNamePrefix;

        public void OnSkipped() => pool.ReleaseSlot();

        public void OnWorkReturned()
        {
            pool.ReleaseSlot();
            MarkIdle();
        }

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
