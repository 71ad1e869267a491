using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>Every silo is killed: with no gateway left the executor breaks, fails pending work and refuses more.</summary>
public sealed class ClusterGoneTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task Submit_AllSilosKilled_BreaksExecutorAndFailsPendingWork()
    {
        // Arrange: one call holds the only slot, the others wait in the executor's queue.
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(fixture.Client, maxInFlight: 1, maxAttempts: 3, itemTimeout: TimeSpan.FromSeconds(2));
        Assert.Equal(42, executor.Submit(Jobs.Answer).Result(Patience));
        var retriesBefore = executor.Retries;
        var running = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var queued = Enumerable.Range(0, 3).Select(i => executor.Submit(Jobs.Square, i)).ToList();
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The first call was never sent.");

        // Act
        foreach (var silo in fixture.Cluster.Silos.Reverse().ToList())
        {
            await fixture.Cluster.KillSiloAsync(silo).WaitAsync(Patience);
        }

        var (done, notDone) = Future.Wait([running, .. queued], Patience);
        var refused = Record.Exception(() => executor.Submit(Jobs.Answer));
        temp.Release("release");

        // Assert
        Assert.Empty(notDone);
        Assert.All(done, f => Assert.IsType<BrokenClusterExecutorException>(f.Exception(TimeSpan.Zero)));
        Assert.IsType<BrokenClusterExecutorException>(refused);
        Assert.Equal(2, executor.Retries - retriesBefore); // the running call: its attempts 2 and 3
    }
}
