using System.Diagnostics;
using Futures.ProcessPool;

namespace Futures;

public sealed partial class ProcessPoolExecutor
{
    // The pool whose worker this thread reads for, if any: Shutdown(wait) from a done-callback must not wait for itself.
    [ThreadStatic]
    private static ProcessPoolExecutor? t_readerOf;

    private void Enqueue(IProcessWorkItem item)
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
    }

    private void ThrowIfClosedLocked()
    {
        if (_broken is { } broken)
        {
            throw new BrokenProcessPoolException(broken.Message, broken.InnerException);
        }

        if (_shutdown)
        {
            throw new InvalidOperationException(_terminatedByUser
                ? "Cannot submit work: ProcessPoolExecutor's workers were terminated by TerminateWorkers(). Create a new executor."
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
            if (_pending.Peek().Done)
            {
                _pending.Dequeue(); // cancelled while it waited
                continue;
            }

            var worker = _workers.Find(w => w.TakesWork)
                ?? StartWorkerLocked()
                ?? (_pending.Peek().MayWaitInWorker ? _workers.Find(w => w.TakesQueuedWork) : null);
            if (worker is null)
            {
                break;
            }

            var item = _pending.Dequeue();
            if (!item.SetRunningOrNotifyCancel())
            {
                continue;
            }

            worker.InFlight.Add(item);
            worker.TasksLeft--;
            (sends ??= []).Add((worker, item));
        }

        return sends;
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
            worker = new WorkerProcess(WorkerLauncher.Start(), MaxTasksPerChild);
        }
        catch (InvalidOperationException ex)
        {
            BreakLocked($"ProcessPoolExecutor could not start a worker process: {ex.Message}", ex, out var failed);
            ThreadPool.UnsafeQueueUserWorkItem(_ => failed.ForEach(f => f.Item.Fail(f.Error)), null);
            return null;
        }

        _workers.Add(worker);
        if (_initializer is not null)
        {
            worker.SendInitializer(_initializer); // a fresh pipe holds these few bytes without blocking
        }

        var reader = new Thread(() => ReadLoop(worker))
        {
            IsBackground = true,
            Name = $"ProcessPoolExecutor reader (pid {worker.Pid})",
        };
        reader.Start();
        return worker;
    }

    /// <summary>Reads one worker's answers until its output ends, then handles its exit.</summary>
    private void ReadLoop(WorkerProcess worker)
    {
        t_readerOf = this;
        var buffer = new byte[4096];
        Exception? failure = null;
        try
        {
            while (true)
            {
                var length = Frames.Read(worker.Output, ref buffer);
                if (length < 0 || !OnFrame(worker, buffer.AsSpan(0, length)))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            failure = ex; // a broken or corrupt stream: treated as the worker's death
        }

        OnWorkerGone(worker, failure);
    }

    /// <summary>Handles one answer; false once the worker has reported that it is stopping.</summary>
    private bool OnFrame(WorkerProcess worker, ReadOnlySpan<byte> frame)
    {
        var reader = new FrameReader(frame);
        var kind = reader.ReadByte();
        if (kind == Frames.InitFailed)
        {
            var error = RemoteExceptions.Rebuild(RemoteError.Read(ref reader), worker.Pid);
            List<(IProcessWorkItem Item, Exception Error)> failed;
            lock (_gate)
            {
                BreakLocked(
                    $"A worker process's initializer failed ({error.GetType().Name}: {error.Message}); ProcessPoolExecutor can no longer run work. Fix the initializer and create a new executor.",
                    error,
                    out failed);
            }

            failed.ForEach(f => f.Item.Fail(f.Error));
            return false;
        }

        if (kind is not (Frames.Result or Frames.Error or Frames.ChunkResult))
        {
            throw new InvalidDataException($"Worker process {worker.Pid} sent a frame of unknown kind {kind}.");
        }

        var taskId = reader.ReadInt64();
        IProcessWorkItem? item;
        List<(WorkerProcess, IProcessWorkItem)>? sends;
        lock (_gate)
        {
            item = worker.TakeInFlight(taskId);
            if (item is null)
            {
                // After TerminateWorkers or a break the task was already failed; otherwise the stream is corrupt.
                return worker.State == WorkerState.Killed
                    ? false
                    : throw new InvalidDataException($"Worker process {worker.Pid} answered task {taskId}, which it was not running.");
            }

            if (worker.TasksLeft == 0 && worker.InFlight.Count == 0)
            {
                RetireLocked(worker); // maxTasksPerChild: a fresh process takes its place on demand
            }

            sends = AssignLocked();
            RetireIdleWorkersIfDrainedLocked();
        }

        Send(sends); // the next task goes out before this result is decoded
        item.Complete(kind, ref reader, worker.Pid);
        return true;
    }

    /// <summary>The worker's output ended: reap it; unless the pool meant it to go, the pool is broken.</summary>
    private void OnWorkerGone(WorkerProcess worker, Exception? failure)
    {
        var exitCode = worker.WaitForExit();
        List<(IProcessWorkItem Item, Exception Error)>? failed = null;
        lock (_gate)
        {
            if (worker.State == WorkerState.Running && _broken is null)
            {
                var how = failure is null ? $"exited with code {exitCode}{DescribeSignal(exitCode)}" : $"stopped answering ({failure.Message}); exit code {exitCode}";
                BreakLocked(
                    $"A worker process (pid {worker.Pid}) {how} while the pool was running; ProcessPoolExecutor can no longer run work. Pending and running tasks failed; create a new executor.",
                    failure,
                    out failed);
            }

            _workers.Remove(worker); // after BreakLocked, which fails the task this worker was running
            var sends = AssignLocked(); // a recycled worker's pending work goes to its replacement
            Debug.Assert(sends is null || _broken is null, "A broken pool sends nothing.");
            Send(sends);
            SignalIfTerminatedLocked();
        }

        worker.Dispose();
        failed?.ForEach(f => f.Item.Fail(f.Error));
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

        while (_pending.Count > 0 && _pending.Peek().Done)
        {
            _pending.Dequeue(); // cancelled while it waited: nothing left to run
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
