using Futures.Tests.Contract;
using Orleans.TestingHost;

namespace Futures.Orleans.Tests;

/// <summary>
/// A silo is killed mid-Map (stopped without grace): with retries every item still completes once; without, the executor breaks cleanly. Each case
/// has a cluster of its own (a class each), since after a kill the survivors and the client take a while to agree
/// that the silo is gone, and a call sent to it meanwhile waits for a timeout.
/// </summary>
public abstract class SiloKillTests(ClusterFixture fixture)
{
    private const int Items = 12;
    private const int InFlight = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected async Task AssertEveryItemCompletesOnceAsync()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(fixture.Client, maxInFlight: InFlight, maxAttempts: 3, itemTimeout: TimeSpan.FromSeconds(5));
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, Items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        var (victim, itemsOnVictim) = await KillASiloRunningWorkAsync(temp);

        // Act
        temp.Release("release");
        var collected = results.ToList();

        // Assert: every item once, in order, with its own result; the victim's items were sent again elsewhere.
        Assert.Equal(Enumerable.Range(0, Items).Select(i => i * i), collected);
        Assert.InRange(executor.Retries, itemsOnVictim, long.MaxValue);
        var reran = Started(temp).Where(s => itemsOnVictim > 0 && s.Silo != victim.SiloAddress.ToString()).Select(s => s.Item).ToHashSet();
        Assert.All(Started(temp).Where(s => s.Silo == victim.SiloAddress.ToString()), s => Assert.Contains(s.Item, reran));
    }

    protected async Task AssertExecutorBreaksCleanlyAsync()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(fixture.Client, maxInFlight: InFlight, maxAttempts: 1);
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, Items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        await KillASiloRunningWorkAsync(temp);

        // Act
        var thrown = Record.Exception(() => results.ToList());
        var refused = Record.Exception(() => executor.Submit(Jobs.Answer));
        temp.Release("release");
        await executor.ShutdownAsync().WaitAsync(Patience);

        // Assert
        var broken = Assert.IsType<BrokenClusterExecutorException>(thrown);
        Assert.Contains("failed on its only attempt", broken.Message, StringComparison.Ordinal);
        Assert.IsType<BrokenClusterExecutorException>(refused);
        Assert.Equal(0, executor.Retries);
    }

    /// <summary>Waits until every in-flight item has started, then kills a live secondary silo that runs some of them.</summary>
    private async Task<(SiloHandle Victim, int ItemsOnVictim)> KillASiloRunningWorkAsync(TempDirectory temp)
    {
        Assert.True(SpinWait.SpinUntil(() => Started(temp).Count >= InFlight, Patience), $"Only {Started(temp).Count} of the {InFlight} in-flight items started.");
        var started = Started(temp);
        var victim = fixture.Cluster.SecondarySilos
            .Where(s => s.IsActive)
            .OrderByDescending(s => started.Count(x => x.Silo == s.SiloAddress.ToString()))
            .First();
        var itemsOnVictim = started.Count(x => x.Silo == victim.SiloAddress.ToString());
        Assert.True(itemsOnVictim > 0, "No item runs on a secondary silo, so killing one proves nothing.");
        await fixture.Cluster.KillSiloAsync(victim).WaitAsync(Patience);
        return (victim, itemsOnVictim);
    }

    private static List<(int Item, string Silo)> Started(TempDirectory temp) =>
        [.. Directory.GetFiles(temp.Path, "started-*").Select(path =>
        {
            var name = Path.GetFileName(path).Split('-');
            string silo;
            try
            {
                silo = File.ReadAllText(path);
            }
            catch (IOException)
            {
                silo = ""; // still being written
            }

            return (int.Parse(name[1], System.Globalization.CultureInfo.InvariantCulture), silo);
        })];
}

/// <summary>Kill a silo mid-Map with retries on.</summary>
public sealed class SiloKillWithRetriesTests(ClusterFixture fixture) : SiloKillTests(fixture), IClassFixture<ClusterFixture>
{
    [Fact(Timeout = 60_000)]
    public Task Map_SiloKilledMidMap_EveryItemCompletesOnce() => AssertEveryItemCompletesOnceAsync();
}

/// <summary>Kill a silo mid-Map with maxAttempts 1 (Python's strict behaviour).</summary>
public sealed class SiloKillWithoutRetriesTests(ClusterFixture fixture) : SiloKillTests(fixture), IClassFixture<ClusterFixture>
{
    [Fact(Timeout = 60_000)]
    public Task Map_SiloKilledWithoutRetries_BreaksExecutorCleanly() => AssertExecutorBreaksCleanlyAsync();
}
