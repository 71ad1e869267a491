using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>
/// Silo processes that know only a Redis address, under the failures a deployment meets: a silo SIGKILLed mid-Map
/// while a new one joins, Redis itself killed and restarted mid-run, a silo stopped gracefully (SIGTERM) while it runs
/// work. Each test works with whichever silos are live when it starts, so the order of the tests does not matter.
/// </summary>
[Collection(RedisClusterGroup.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster)
{
    // Until the survivors declare a killed silo dead (2-3 s with the sample's membership settings), calls routed to it
    // fail at once; 8 attempts with backoff span about 25 s, well past that.
    private const int MaxAttempts = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact(Timeout = 120_000)]
    public async Task Map_SiloKilledWhileANewOneJoins_EveryItemCompletesOnceAndTheNewSiloTakesWork()
    {
        // Arrange: every slot of the cluster holds an item, more wait in the executor.
        using var temp = new TempDirectory();
        var inFlight = Capacity();
        var items = inFlight + 6;
        // No maxInFlight: the executor then waits for its first look at the cluster, so every slot gets one item (one
        // given a maxInFlight sends at once, before it knows the silos, and a first call can queue behind a full
        // silo's held work until its item timeout). Its limit is the capacity, inFlight.
        using var executor = new ClusterExecutor(cluster.Client, maxAttempts: MaxAttempts, itemTimeout: TimeSpan.FromSeconds(10));
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        var victim = await BusiestSiloAsync(temp, inFlight);
        var onVictim = Started(temp).Where(s => victim.Is(s.Silo)).Select(s => s.Item).ToList();

        // Act: SIGKILL one silo, start another, then let the work go on.
        victim.Kill();
        var newcomer = await cluster.StartSiloAsync();
        temp.Release("release");
        var collected = await Task.Run(() => results.ToList()).WaitAsync(Patience);
        var newcomerRan = await FirstWorkOnAsync(executor, newcomer);

        // Assert: every item once, in order; the victim's items ran again on a survivor; the new silo serves.
        Assert.True(victim.HasExited);
        Assert.Equal(Enumerable.Range(0, items).Select(i => i * i), collected);
        Assert.InRange(executor.Retries, onVictim.Count, long.MaxValue);
        var elsewhere = Started(temp).Where(s => !victim.Is(s.Silo)).Select(s => s.Item).ToHashSet();
        Assert.All(onVictim, item => Assert.Contains(item, elsewhere));
        Assert.True(newcomerRan, $"The new silo {newcomer.Name} ran nothing within {Patience.TotalSeconds} s.");
    }

    [Fact(Timeout = 120_000)]
    public async Task Map_RedisRestartedMidRun_ClusterKeepsWorkingAndANewSiloJoinsAfter()
    {
        // Arrange
        using var temp = new TempDirectory();
        var inFlight = Capacity();
        var items = inFlight + 6;
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: inFlight, maxAttempts: 3, itemTimeout: TimeSpan.FromSeconds(10));
        using var sized = new ClusterExecutor(cluster.Client); // follows the cluster's capacity
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        await BusiestSiloAsync(temp, inFlight);

        // Act: Redis dies while items run; the work finishes, and more is done, with Redis down.
        cluster.Redis.Kill();
        temp.Release("release");
        var collected = await Task.Run(() => results.ToList()).WaitAsync(Patience);
        var whileDown = await Task.Run(() => executor.Map(Jobs.Square, Enumerable.Range(0, 50), Patience).ToList()).WaitAsync(Patience);
        await cluster.Redis.RestartAsync();
        var newcomer = await cluster.StartSiloAsync();
        var newcomerRan = await FirstWorkOnAsync(executor, newcomer);
        var grown = await Task.Run(() => SpinWait.SpinUntil(() => sized.MaxInFlight == Capacity(), Patience));

        // Assert: nothing was lost while Redis was down (a call that failed was sent again: at least once); a silo
        // started after it came back serves, and counts in the capacity of an executor without a given maxInFlight.
        Assert.Equal(Enumerable.Range(0, items).Select(i => i * i), collected);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * i), whileDown);
        Assert.True(newcomerRan, $"The silo {newcomer.Name}, started after Redis came back, ran nothing within {Patience.TotalSeconds} s. Its output:\n{newcomer.Output}");
        Assert.True(grown, $"MaxInFlight stayed {sized.MaxInFlight}; {Capacity()} expected with {cluster.LiveSilos.Count()} silos.");
    }

    [Fact(Timeout = 120_000)]
    public async Task Map_SiloStoppedGracefully_DrainsItsRunningWorkAndRunsNothingTwice()
    {
        // Arrange: every slot holds an item; the rest wait in the executor.
        using var temp = new TempDirectory();
        var inFlight = Capacity();
        var items = inFlight + 6;
        // No maxInFlight, as above: each slot holds one item from the start.
        using var executor = new ClusterExecutor(cluster.Client, maxAttempts: 3, itemTimeout: TimeSpan.FromSeconds(20));
        var mapped = DateTime.UtcNow;
        var results = executor.Map(ClusterJobs.Hold, Enumerable.Range(0, items).Select(i => new[] { temp.Path, $"{i}" }), Patience);
        var victim = await BusiestSiloAsync(temp, inFlight);
        var onVictim = Started(temp).Where(s => victim.Is(s.Silo)).Select(s => s.Item).ToList();

        // Act: SIGTERM (what Kubernetes sends), then release the work the stopping silo runs.
        var terminated = DateTime.UtcNow;
        victim.Terminate();
        temp.Release("release");
        var released = DateTime.UtcNow;
        var collected = await Task.Run(() => results.ToList()).WaitAsync(Patience);
        var exitCode = await victim.WaitForExitAsync(Patience);

        // Assert: the stopping silo answered for its own items (none ran twice) and exited cleanly. Retries are not
        // asserted: a call that the client routed through the stopping silo's gateway to another silo can fail before
        // it is delivered ("Failed to address message") and is sent again, unrun. What must hold is that every item
        // started exactly once: the drain waits until each call it took has its reply, so a reply is never cut off.
        Assert.Equal(Enumerable.Range(0, items).Select(i => i * i), collected);
        var started = Started(temp);
        var seen = $"victim {victim.Name} ({victim.SiloPort}), retries {executor.Retries}, refusals {executor.Refusals}, SIGTERM at {Since(mapped, terminated)}, release at {Since(mapped, released)}, starts: {string.Join(", ", StartTimes(temp, mapped))}";
        Assert.True(items == started.Count, $"{started.Count} starts for {items} items; {seen}; the victim's output:\n{victim.Output}");
        Assert.Equal(items, started.Select(s => s.Item).Distinct().Count());
        Assert.All(onVictim, item => Assert.True(victim.Is(started.Single(s => s.Item == item).Silo)));
        Assert.Equal(0, exitCode);
        Assert.Contains($"STOPPED {victim.Name}", victim.Output, StringComparison.Ordinal);
    }

    private int Capacity() => cluster.LiveSilos.Count() * RedisClusterFixture.MaxConcurrentWork;

    /// <summary>Waits until <paramref name="inFlight"/> items have started; returns the live silo that runs most of them.</summary>
    private async Task<SiloProcess> BusiestSiloAsync(TempDirectory temp, int inFlight)
    {
        await Task.Run(() => SpinWait.SpinUntil(() => Started(temp).Count >= inFlight, Patience));
        var started = Started(temp);
        Assert.True(started.Count >= inFlight, $"Only {started.Count} of the {inFlight} in-flight items started.");
        var busiest = cluster.LiveSilos.OrderByDescending(s => started.Count(x => s.Is(x.Silo))).First();
        Assert.Contains(started, x => busiest.Is(x.Silo));
        return busiest;
    }

    /// <summary>
    /// Sends rounds of small items until one runs on <paramref name="silo"/> (clients refresh their gateway list every
    /// second here), for at most <see cref="Patience"/>; true if one did.
    /// </summary>
    private static async Task<bool> FirstWorkOnAsync(ClusterExecutor executor, SiloProcess silo)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!deadline.IsCancellationRequested)
        {
            var round = Enumerable.Range(0, 2 * executor.MaxInFlight).Select(i => executor.Submit(ClusterJobs.WhereAmI, i)).ToList();
            foreach (var future in round)
            {
                if (silo.Is(await future))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Since(DateTime start, DateTime at) => $"{(at - start).TotalSeconds:0.000} s";

    /// <summary>Each start as item@silo+seconds since <paramref name="start"/>, in start order, for failure messages.</summary>
    private static IEnumerable<string> StartTimes(TempDirectory temp, DateTime start) =>
        Directory.GetFiles(temp.Path, "started-*")
            .Select(path => (Name: Path.GetFileName(path), At: File.GetLastWriteTimeUtc(path), Silo: File.ReadAllText(path)))
            .OrderBy(s => s.At)
            .Select(s => $"{s.Name.Split('-')[1]}@{s.Silo}+{Since(start, s.At)}");

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
                silo = ""; // still being written
            }

            return (int.Parse(Path.GetFileName(path).Split('-')[1], System.Globalization.CultureInfo.InvariantCulture), silo);
        })];
}
