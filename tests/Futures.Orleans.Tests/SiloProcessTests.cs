using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>ClusterExecutor over real silo processes: one is killed with SIGKILL while it runs work.</summary>
public sealed class SiloProcessTests(SiloProcessesFixture fixture) : IClassFixture<SiloProcessesFixture>
{
    private const int Items = 9;
    private const int InFlight = 6;

    // Until the survivors declare the killed silo dead (2-3 s with the sample's membership settings), calls they route
    // to it fail at once; 8 attempts with backoff span about 25 s, well past that.
    private const int MaxAttempts = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 90_000)]
    public async Task Map_SiloProcessKilled_EveryItemCompletesOnce()
    {
        // Arrange: the job comes from this test assembly, which the silo processes load from its path.
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(fixture.Client, maxInFlight: InFlight, maxAttempts: MaxAttempts, itemTimeout: TimeSpan.FromSeconds(10));
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, Items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        var probe = executor.Submit(ClusterJobs.WhereAmI, -1);
        Assert.True(SpinWait.SpinUntil(() => Started(temp).Count >= InFlight, Patience), $"Only {Started(temp).Count} of {InFlight} items started; a probe call: {(probe.Done ? probe.Exception()?.ToString() ?? probe.Result() : "not done")}.");
        var started = Started(temp);
        var victim = fixture.Silos.Skip(1)
            .OrderByDescending(s => started.Count(x => x.Silo.Contains($":{s.SiloPort}:", StringComparison.Ordinal)))
            .First();
        var onVictim = started.Where(x => x.Silo.Contains($":{victim.SiloPort}:", StringComparison.Ordinal)).Select(x => x.Item).ToList();
        Assert.NotEmpty(onVictim);

        // Act
        victim.Kill();
        temp.Release("release");
        var collected = await Task.Run(() => results.ToList()).WaitAsync(Patience);

        // Assert: every item once, in order; the victim's items ran again on a surviving silo.
        Assert.True(victim.HasExited);
        Assert.Equal(Enumerable.Range(0, Items).Select(i => i * i), collected);
        Assert.InRange(executor.Retries, onVictim.Count, long.MaxValue);
        var survivors = Started(temp).Where(x => !x.Silo.Contains($":{victim.SiloPort}:", StringComparison.Ordinal)).Select(x => x.Item).ToHashSet();
        Assert.All(onVictim, item => Assert.Contains(item, survivors));
    }

    private static List<(int Item, string Silo)> Started(TempDirectory temp) =>
        [.. Directory.GetFiles(temp.Path, "started-*").Select(path =>
        {
            string silo;
            try
            {
                silo = File.ReadAllText(path);
            }
            catch (IOException)
            {
                silo = "";
            }

            return (int.Parse(Path.GetFileName(path).Split('-')[1], System.Globalization.CultureInfo.InvariantCulture), silo);
        })];
}
