using System.Diagnostics.Metrics;

namespace Futures.Telemetry;

/// <summary>What an executor reports to the observable instruments; read only while a listener collects.</summary>
internal interface IObservedExecutor
{
    /// <summary>"thread_pool", "process_pool" or "cluster".</summary>
    string ExecutorType { get; }

    string ExecutorName { get; }

    /// <summary>Items queued, not started.</summary>
    int PendingCount { get; }

    /// <summary>Items in progress.</summary>
    int RunningCount { get; }

    /// <summary>Threads or worker processes alive.</summary>
    int WorkerCount { get; }
}

/// <summary>
/// The live executors and the observable instruments that read their own counters: nothing is counted twice and
/// nothing happens per item; an executor costs one registration when created and one removal when it terminates.
/// </summary>
internal static class ExecutorMetrics
{
    private static readonly Lock s_gate = new();
    private static readonly List<WeakReference<IObservedExecutor>> s_executors = [];

    // Created with the first executor, so that a listener sees the instruments as soon as there is something to observe.
    static ExecutorMetrics() => CreateObservers(FuturesTelemetry.Meter);

    public static void Register(IObservedExecutor executor)
    {
        lock (s_gate)
        {
            s_executors.Add(new WeakReference<IObservedExecutor>(executor));
        }
    }

    public static void Unregister(IObservedExecutor executor)
    {
        lock (s_gate)
        {
            s_executors.RemoveAll(w => !w.TryGetTarget(out var e) || ReferenceEquals(e, executor));
        }
    }

    private static void CreateObservers(Meter meter)
    {
        meter.CreateObservableUpDownCounter(
            "futures.executor.pending", () => Observe(static e => e.PendingCount), "{item}", "Work items queued, not started.");
        meter.CreateObservableUpDownCounter(
            "futures.executor.running", () => Observe(static e => e.RunningCount), "{item}", "Work items in progress.");
        meter.CreateObservableUpDownCounter(
            "futures.executor.workers", () => Observe(static e => e.WorkerCount), "{worker}", "Worker threads or processes alive.");
    }

    private static List<Measurement<int>> Observe(Func<IObservedExecutor, int> read)
    {
        List<IObservedExecutor> live = [];
        lock (s_gate)
        {
            s_executors.RemoveAll(w => !w.TryGetTarget(out _));
            foreach (var weak in s_executors)
            {
                if (weak.TryGetTarget(out var executor))
                {
                    live.Add(executor);
                }
            }
        }

        // Read outside the registry's lock: an executor takes its own lock to count.
        return live.ConvertAll(e => new Measurement<int>(
            read(e),
            new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorType, e.ExecutorType),
            new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorName, e.ExecutorName)));
    }
}
