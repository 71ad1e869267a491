using System.Collections.Concurrent;
using System.Diagnostics;

namespace Futures;

/// <summary>A task fed by a future, ready to be completed (its continuations then run on the completing thread).</summary>
internal interface ITaskBridge
{
    void Complete();
}

/// <summary>
/// Completes the tasks of done futures (AsTask, await) on the .NET thread pool, never on the thread that completed the
/// future (an executor's worker), and in batches: a drainer takes bridges off one queue until it is empty, so a burst of
/// completions costs a few thread-pool items, not one per future. Before each completion it makes sure another drainer
/// is on its way while more are queued: a continuation that blocks cannot hold up the tasks behind it.
/// </summary>
internal static class TaskBridges
{
    private static readonly ConcurrentQueue<ITaskBridge> s_ready = new();
    private static int s_standby;

    public static void Complete(ITaskBridge bridge)
    {
        s_ready.Enqueue(bridge);
        EnsureDrainer();
    }

    private static void EnsureDrainer()
    {
        if (Interlocked.CompareExchange(ref s_standby, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => Drain(), null);
        }
    }

    private static void Drain()
    {
        // This drainer has started: the next enqueue (or our own look-ahead) schedules a new standby.
        Volatile.Write(ref s_standby, 0);
        while (s_ready.TryDequeue(out var bridge))
        {
            if (!s_ready.IsEmpty)
            {
                EnsureDrainer();
            }

            try
            {
                bridge.Complete();
            }
#pragma warning disable CA1031 // A continuation's failure must not end a thread-pool thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Trace.TraceError($"Futures: completing a future's task threw: {ex}");
            }
        }
    }
}
