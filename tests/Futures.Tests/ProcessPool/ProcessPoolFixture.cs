using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>One two-worker pool shared by a test class: starting a worker process costs tens of milliseconds.</summary>
public sealed class ProcessPoolFixture : IDisposable
{
    public ProcessPoolExecutor Pool { get; } = new(maxWorkers: 2);

    public void Dispose() => Pool.Dispose();
}
