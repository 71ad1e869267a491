using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>Without a maxInFlight, the executor sizes itself to the cluster: the sum of the silos' MaxConcurrentWork.</summary>
public sealed partial class ClusterExecutorTests
{
    [Fact(Timeout = 30_000)]
    public async Task MaxInFlight_NotGiven_IsTheSumOfTheSilosMaxConcurrentWork()
    {
        // Arrange: 3 silos with MaxConcurrentWork 4 each (ClusterFixture).
        using var executor = new ClusterExecutor(cluster.Client);
        ClusterJobs.ResetGauge();

        // Act: the first item waits until the executor has heard from the silos.
        var first = await executor.Submit(Jobs.Answer).AsTask().WaitAsync(Patience);
        var results = executor.Map(ClusterJobs.Gauge, Enumerable.Range(0, 60), Patience).ToList();

        // Assert
        Assert.Equal(42, first);
        Assert.Equal(12, executor.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 60), results);
        Assert.InRange(ClusterJobs.MaxRunning, 1, 12);
    }
}
