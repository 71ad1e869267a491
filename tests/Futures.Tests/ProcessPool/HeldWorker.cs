using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// A pool's one worker held busy by <see cref="ProcessJobs.Gate"/>: the state lifecycle tests start from. Work submitted
/// now waits in the pool's queue until <see cref="Release"/>.
/// </summary>
public sealed class HeldWorker : IDisposable
{
    private readonly WorkerGate _gate;

    private HeldWorker(WorkerGate gate, Future<int> running, int pid)
    {
        _gate = gate;
        Running = running;
        Pid = pid;
    }

    /// <summary>The Gate job; it finishes with the worker's pid once released.</summary>
    public Future<int> Running { get; }

    /// <summary>The worker's process id.</summary>
    public int Pid { get; }

    /// <summary>Submits the Gate job to <paramref name="pool"/> and waits until it runs in a worker.</summary>
    public static async Task<HeldWorker> StartAsync(ProcessPoolExecutor pool)
    {
        var gate = new WorkerGate();
        var running = pool.Submit(ProcessJobs.Gate, gate.Name);
        return new HeldWorker(gate, running, await gate.WaitForStartAsync());
    }

    public void Release() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
