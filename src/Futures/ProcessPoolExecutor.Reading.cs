using System.Diagnostics;
using Futures.ProcessPool;

namespace Futures;

public sealed partial class ProcessPoolExecutor
{
    /// <summary>Reads one worker's answers until its output ends, then handles its exit.</summary>
    private void ReadLoop(WorkerProcess worker)
    {
        t_readerOf = this;

        // Started with UnsafeStart, so this is the default context. Done-callbacks run here; whatever context one
        // leaves behind is dropped before the next answer, so nothing one completion sets is seen by another.
        var clean = ExecutionContext.Capture();
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

                if (clean is not null && ExecutionContext.Capture() != clean)
                {
                    ExecutionContext.Restore(clean);
                }

                if (buffer.Length > Frames.KeptBufferLength)
                {
                    buffer = new byte[4096]; // one large result does not pin its buffer for the worker's life
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            failure = ex; // a broken or corrupt stream: treated as the worker's death
        }
#pragma warning disable CA1031 // Anything else is a fault of this pool; it breaks the pool and never ends the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = new InvalidOperationException($"ProcessPoolExecutor failed while handling an answer of worker process {worker.Pid}: {ex.Message}", ex);
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
                OnWorkerRecycledLocked();
            }

            sends = AssignLocked();
            RetireIdleWorkersIfDrainedLocked();
        }

        Send(sends); // the next task goes out before this result is decoded
        item.Complete(kind, ref reader, worker.Pid);
        item.Telemetry.Stop((Future)item);
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
}
