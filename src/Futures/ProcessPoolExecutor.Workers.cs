using System.Diagnostics;
using Futures.ProcessPool;
using Futures.Telemetry;

namespace Futures;

public sealed partial class ProcessPoolExecutor
{
    // The pool whose worker this thread reads for, if any: Shutdown(wait) from a done-callback must not wait for itself.
    [ThreadStatic]
    private static ProcessPoolExecutor? t_readerOf;

    /// <summary>Queues <paramref name="item"/> and hands it to a worker if one is free; returns it (it is its own future).</summary>
    private TItem Enqueue<TItem>(TItem item)
        where TItem : IProcessWorkItem
    {
        List<(WorkerProcess, IProcessWorkItem)>? sends;
        BrokenProcessPoolException? broken;
        // Under the gate so that Shutdown cannot slip between the check and the enqueue and strand the item.
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _pending.Enqueue(item);
            sends = AssignLocked();
            broken = _broken;
        }

        Send(sends);
        if (broken is not null)
        {
            // Starting a worker for this very item failed.
            throw new BrokenProcessPoolException(broken.Message, broken.InnerException);
        }

        return item;
    }

    private void ThrowIfClosedLocked()
    {
        if (_broken is { } broken)
        {
            throw new BrokenProcessPoolException(broken.Message, broken.InnerException);
        }

        if (_shutdown)
        {
            throw new InvalidOperationException(_stoppedBy is not null
                ? $"Cannot submit work: ProcessPoolExecutor's workers were stopped by {_stoppedBy}. Create a new executor."
                : "Cannot submit work: ProcessPoolExecutor was shut down. Submit before calling Shutdown(), or create a new executor.");
        }
    }

    /// <summary>
    /// Hands pending items to workers that take work, starting workers while fewer than MaxWorkers run. Each worker gets
    /// one item at a time, so no item waits behind a long one while another worker is idle. Returns what to send (the
    /// writes happen outside the lock).
    /// </summary>
    private List<(WorkerProcess, IProcessWorkItem)>? AssignLocked()
    {
        AssertInvariants();
        List<(WorkerProcess, IProcessWorkItem)>? sends = null;
        while (_broken is null && _pending.Count > 0)
        {
            if (_pending.Peek().State != FutureState.Pending)
            {
                _pending.Dequeue(); // cancelled while it waited, or completed or started by hand: not ours to run
                continue;
            }

            var worker = _workers.Find(w => w.TakesWork) ?? StartWorkerLocked();
            if (worker is null && _broken is null && _pending.Peek().MayWaitInWorker)
            {
                worker = _workers.Find(w => w.TakesQueuedWork);
            }

            if (worker is null)
            {
                break; // every worker busy, or starting one failed and broke the pool (which emptied the queue)
            }

            var item = _pending.Dequeue();
            if (!TryStart(item))
            {
                continue;
            }

            worker.InFlight.Add(item);
            worker.TasksLeft--;
            item.Telemetry.Start(Name);
            (sends ??= []).Add((worker, item));
        }

        return sends;
    }

    /// <summary>Pending -> Running; false if the future is no longer pending, however that came about.</summary>
    private static bool TryStart(IProcessWorkItem item)
    {
        try
        {
            return item.SetRunningOrNotifyCancel();
        }
        catch (InvalidOperationException)
        {
            return false; // completed or started by hand since the check above: skipped, as Python's workers skip it
        }
    }

    private static void Send(List<(WorkerProcess Worker, IProcessWorkItem Item)>? sends)
    {
        if (sends is null)
        {
            return;
        }

        foreach (var (worker, item) in sends)
        {
            worker.Send(item);
        }
    }

    /// <summary>Starts a worker if fewer than MaxWorkers take work; null if the pool is full. A failed start breaks the pool.</summary>
    private WorkerProcess? StartWorkerLocked()
    {
        if (_workers.Count(w => w.State == WorkerState.Running) >= MaxWorkers)
        {
            return null;
        }

        WorkerProcess worker;
        try
        {
            worker = new WorkerProcess(_launcher.Start(), MaxTasksPerChild);
        }
#pragma warning disable CA1031 // However the launch fails, the pool breaks with that cause; nothing escapes onto a pool thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BreakLocked($"ProcessPoolExecutor could not start a worker process: {ex.Message}", ex, out var failed);

            // Failed outside the lock (their done-callbacks may call into the pool); the pool's own thread, no captured context.
            ThreadPool.UnsafeQueueUserWorkItem(static failed => failed.ForEach(f => f.Item.Fail(f.Error)), failed, preferLocal: false);
            return null;
        }

        _workers.Add(worker);
        OnWorkerStartedLocked();
        if (_initializer is not null)
        {
            worker.SendInitializer(_initializer); // a fresh pipe holds these few bytes without blocking
        }

        var reader = new Thread(() => ReadLoop(worker))
        {
            IsBackground = true,
            Name = $"ProcessPoolExecutor reader (pid {worker.Pid})",
        };
        reader.UnsafeStart(); // no captured context: the submitter that happened to start a worker must not leak into it
        return worker;
    }

    /// <summary>Marks the pool broken, kills every worker and collects every pending and running item to fail (outside the lock).</summary>
    private void BreakLocked(string message, Exception? cause, out List<(IProcessWorkItem Item, Exception Error)> failed)
    {
        _broken ??= new BrokenProcessPoolException(message, cause);
        failed = [];
        foreach (var item in _pending)
        {
            failed.Add((item, new BrokenProcessPoolException(_broken.Message, cause)));
        }

        _pending.Clear();
        foreach (var worker in _workers)
        {
            foreach (var item in worker.InFlight)
            {
                failed.Add((item, new BrokenProcessPoolException(_broken.Message, cause)));
            }

            worker.InFlight.Clear();

            if (worker.State != WorkerState.Killed)
            {
                worker.State = WorkerState.Killed;
                worker.Kill();
            }
        }
    }

    /// <summary>After Shutdown, a worker with nothing to do is told to exit (its stdin closes).</summary>
    private void RetireIdleWorkersIfDrainedLocked()
    {
        if (!_shutdown)
        {
            return;
        }

        while (_pending.Count > 0 && _pending.Peek().State != FutureState.Pending)
        {
            _pending.Dequeue(); // cancelled while it waited, or done by hand: nothing left to run
        }

        if (_pending.Count > 0)
        {
            return;
        }

        foreach (var worker in _workers)
        {
            if (worker.State == WorkerState.Running && worker.InFlight.Count == 0)
            {
                RetireLocked(worker);
            }
        }
    }

    private static void RetireLocked(WorkerProcess worker)
    {
        worker.State = WorkerState.Retiring;
        worker.CloseInput();
    }

    private void SignalIfTerminatedLocked()
    {
        if (_shutdown && _workers.Count == 0 && _pending.Count == 0)
        {
            ExecutorMetrics.Unregister(this);
            _terminated.TrySetResult();
        }
    }

    private static string DescribeSignal(int exitCode) =>
        !OperatingSystem.IsWindows() && exitCode > 128 && exitCode < 160 ? $" (killed by signal {exitCode - 128})" : "";

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_workers.Count(w => w.State == WorkerState.Running) <= MaxWorkers, "Never more working processes than MaxWorkers.");
        Debug.Assert(_workers.All(w => w.InFlight.Count == 0 || w.State == WorkerState.Running), "Only a running worker has tasks in flight.");
        Debug.Assert(_workers.All(w => w.InFlight.Count <= 1 || w.InFlight[1].MayWaitInWorker || w.InFlight[0].MayWaitInWorker), "Only a Map chunk waits in a worker.");
    }
}
