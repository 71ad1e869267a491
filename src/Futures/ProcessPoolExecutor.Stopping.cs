using Futures.ProcessPool;

namespace Futures;

public sealed partial class ProcessPoolExecutor
{
    /// <summary>
    /// Asks every worker process to stop now (SIGTERM; on Windows the process is ended) and shuts the pool down, as
    /// Python 3.14's <c>terminate_workers</c> does. Returns at once, without waiting for the processes to exit: pending
    /// futures are cancelled, running ones fail with <see cref="BrokenProcessPoolException"/>, and further submissions
    /// throw <see cref="InvalidOperationException"/>. <see cref="Executor.Shutdown"/> with <c>wait</c> (or
    /// <see cref="ShutdownAsync"/>) then returns once every worker has exited. Use it for work that hangs;
    /// <see cref="Shutdown"/> lets running work finish.
    /// </summary>
    public void TerminateWorkers() => StopWorkers(kill: false);

    /// <summary>
    /// Like <see cref="TerminateWorkers"/>, with SIGKILL, which a worker cannot catch or delay (Python 3.14's
    /// <c>kill_workers</c>). Returns at once; pending futures are cancelled, running ones fail with
    /// <see cref="BrokenProcessPoolException"/>, and further submissions throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public void KillWorkers() => StopWorkers(kill: true);

    private void StopWorkers(bool kill)
    {
        var how = kill ? "KillWorkers()" : "TerminateWorkers()";
        List<IProcessWorkItem> cancelled;
        List<(IProcessWorkItem Item, int Pid)> running = [];
        List<WorkerProcess> stopped = [];
        lock (_gate)
        {
            _shutdown = true;
            _stoppedBy ??= how;
            cancelled = [.. _pending];
            _pending.Clear();
            foreach (var worker in _workers)
            {
                running.AddRange(worker.InFlight.Select(item => (item, worker.Pid)));
                worker.InFlight.Clear();
                if (worker.State != WorkerState.Killed)
                {
                    // Killed: its end of output is expected, not a reason to break the pool.
                    worker.State = WorkerState.Killed;
                    stopped.Add(worker);
                }
            }

            SignalIfTerminatedLocked();
        }

        foreach (var worker in stopped)
        {
            if (kill)
            {
                worker.Kill();
            }
            else
            {
                worker.Terminate();
            }
        }

        cancelled.ForEach(item => item.Cancel());
        running.ForEach(r => r.Item.Fail(new BrokenProcessPoolException(
            $"The task's worker process (pid {r.Pid}) was stopped by ProcessPoolExecutor.{how} while it ran.")));
    }
}
