using Futures.Telemetry;

namespace Futures;

public sealed partial class ProcessPoolExecutor : IObservedExecutor
{
    private static int s_poolCount;

    // Workers retired after maxTasksPerChild while the pool ran and not yet replaced (a death breaks the pool instead).
    private int _recycledUnreplaced;

    /// <summary>The pool's name in telemetry tags (futures.executor.name): <c>ProcessPoolExecutor-{n}</c>.</summary>
    internal string Name { get; } = $"ProcessPoolExecutor-{Interlocked.Increment(ref s_poolCount) - 1}";

    string IObservedExecutor.ExecutorType => "process_pool";

    string IObservedExecutor.ExecutorName => Name;

    int IObservedExecutor.PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count(item => item.State == FutureState.Pending);
            }
        }
    }

    int IObservedExecutor.RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _workers.Sum(w => w.InFlight.Count);
            }
        }
    }

    int IObservedExecutor.WorkerCount
    {
        get
        {
            lock (_gate)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>
    /// A worker was retired after maxTasksPerChild: the next start replaces it. Counted at retirement, not at exit, since
    /// its replacement may start before the old process is reaped.
    /// </summary>
    private void OnWorkerRecycledLocked() => _recycledUnreplaced++;

    /// <summary>Counts a start that replaces an exited worker in futures.process.restarts.</summary>
    private void OnWorkerStartedLocked()
    {
        if (_recycledUnreplaced > 0)
        {
            _recycledUnreplaced--;
            FuturesTelemetry.Restarts.Add(
                1,
                new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorType, "process_pool"),
                new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorName, Name));
        }
    }
}
