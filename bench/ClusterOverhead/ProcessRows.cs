using System.Diagnostics;
using System.Globalization;
using Futures;
using Futures.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

/// <summary>
/// `processes`: 3 silo processes with Redis membership against 3 with localhost clustering, both up at once and
/// measured in turns in the same run: no-op per item, primes speed-up over the same numbers run sequentially here, and
/// the time from a new silo's process start to its first work item.
/// </summary>
internal static class ProcessRows
{
    private const int NoopItems = 5_000;
    private const int PrimesRounds = 3;

    /// <summary>Runs the rows; <paramref name="rounds"/> no-op rounds per membership (the first <see cref="PrimesRounds"/> time primes too).</summary>
    public static async Task RunAsync(int rounds)
    {
        var redisDirectory = Directory.CreateTempSubdirectory("cluster-overhead-redis-");
        var redisPort = ClusterPrimes.LoopbackPorts.Free(1)[0];
        using var redis = StartRedis(redisPort, redisDirectory.FullName);
        using var localSilos = new SiloProcesses();
        using var redisSilos = new SiloProcesses();
        try
        {
            var (_, primary) = localSilos.Start("local-1", ["--primary-port", "{silo-port}"]);
            localSilos.Start("local-2", ["--primary-port", $"{primary}"]);
            localSilos.Start("local-3", ["--primary-port", $"{primary}"]);
            string[] membership = ["--redis", $"127.0.0.1:{redisPort}"];
            for (var i = 1; i <= 3; i++)
            {
                redisSilos.Start($"redis-{i}", membership);
            }

            using var localClient = await ClientAsync(c => c.UseLocalhostClustering([.. localSilos.Gateways]));
            // Orleans' default client settings on both: the executor finds new silos by asking the cluster, not the gateway list.
            using var redisClient = await ClientAsync(c => c.UseFuturesRedisClustering($"127.0.0.1:{redisPort}"));
            await using var local = new ClusterExecutor(localClient.Services.GetRequiredService<IClusterClient>());
            await using var remote = new ClusterExecutor(redisClient.Services.GetRequiredService<IClusterClient>());

            Console.WriteLine();
            Console.WriteLine($"3 silo processes each (MaxConcurrentWork {Environment.ProcessorCount}), maxInFlight from the cluster's capacity; {rounds} rounds; load average {LoadAverage()}");
            Warm(local);
            Warm(remote);
            var noop = new Rounds();
            var primes = new Rounds();
            var sequential = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Both in every round, each first in every other round, so that a burst of load elsewhere hits both alike;
                // the ratio of a round compares runs seconds apart.
                noop.Add(round, () => Noop(local), () => Noop(remote));
                if (round < PrimesRounds)
                {
                    sequential.Add(Sequential().TotalSeconds);
                    primes.Add(round, () => Primes(local).TotalSeconds, () => Primes(remote).TotalSeconds);
                }
            }

            Console.WriteLine();
            Console.WriteLine("| membership | no-op us/item, chunkSize 1 (median) | runs (us/item) | primes: sequential (median) | primes: cluster (median) | speed-up |");
            Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: |");
            Row("localhost", noop.Local, sequential, primes.Local);
            Row("redis", noop.Redis, sequential, primes.Redis);
            Console.WriteLine();
            Console.WriteLine("| Redis/localhost, paired by round | median | middle half of the rounds | all rounds |");
            Console.WriteLine("| --- | ---: | ---: | --- |");
            Console.WriteLine(noop.RatioRow("no-op per item"));
            Console.WriteLine(primes.RatioRow("primes time"));
            Console.WriteLine($"Target (Redis no more than 10% dearer per item): {noop.Verdict(1.10)}; load average {LoadAverage()}");

            Console.WriteLine();
            Console.WriteLine("| new silo | process start to READY | process start to its first work item |");
            Console.WriteLine("| --- | ---: | ---: |");
            for (var i = 4; i <= 5; i++)
            {
                // In turns with a localhost silo joining its cluster, the baseline under the same load.
                var (ready, toWork) = await JoinAsync(remote, redisSilos, membership, $"redis-{i}");
                Console.WriteLine($"| redis-{i} (Redis membership) | {ready.TotalSeconds:0.00} s | {toWork.TotalSeconds:0.00} s |");
                (ready, toWork) = await JoinAsync(local, localSilos, ["--primary-port", $"{primary}"], $"local-{i}");
                Console.WriteLine($"| local-{i} (localhost clustering) | {ready.TotalSeconds:0.00} s | {toWork.TotalSeconds:0.00} s |");
            }
        }
        finally
        {
            redis.Kill();
            redis.WaitForExit(10_000);
            redisDirectory.Delete(recursive: true);
        }
    }

    private static Process StartRedis(int port, string directory)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", $"{port}", "--dir", directory, "--save", "", "--appendonly", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException("redis-server did not start within 20 s.");
        }

        return process;
    }

    private static async Task<IHost> ClientAsync(Action<IClientBuilder> configure)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(configure)
            .Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Every silo has run work (grains activated, code jitted) before anything is timed.</summary>
    private static void Warm(ClusterExecutor executor)
    {
        var seen = new HashSet<string>();
        var watch = Stopwatch.StartNew();
        while (seen.Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            seen.UnionWith(executor.Map(Work.WhereAmI, Enumerable.Range(0, 60)));
        }

        _ = executor.Map(Work.Noop, Enumerable.Range(0, 2_000)).Sum();
        _ = executor.Map(ClusterPrimes.Primes.Check, Enumerable.Repeat(1_000_003L, 12)).Count();
    }

    private static double Noop(ClusterExecutor executor)
    {
        var watch = Stopwatch.StartNew();
        var sum = executor.Map(Work.Noop, Enumerable.Range(0, NoopItems)).Sum(x => (long)x);
        if (sum != (long)NoopItems * (NoopItems - 1) / 2)
        {
            throw new InvalidOperationException("Wrong results.");
        }

        return watch.Elapsed.TotalMicroseconds / NoopItems;
    }

    private static TimeSpan Sequential()
    {
        ClusterPrimes.Primes.Check(1_000_003);
        var watch = Stopwatch.StartNew();
        foreach (var n in ClusterPrimes.Primes.Numbers)
        {
            ClusterPrimes.Primes.Check(n);
        }

        return watch.Elapsed;
    }

    private static TimeSpan Primes(ClusterExecutor executor)
    {
        var watch = Stopwatch.StartNew();
        _ = executor.Map(ClusterPrimes.Primes.Check, ClusterPrimes.Primes.Numbers).Count();
        return watch.Elapsed;
    }

    /// <summary>Starts a silo while the executor keeps sending small items; times its READY and its first item.</summary>
    private static async Task<(TimeSpan Ready, TimeSpan FirstWork)> JoinAsync(ClusterExecutor executor, SiloProcesses silos, string[] membership, string name)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var firstWork = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        Stopwatch? started = null;
        int? port = null;
        var sender = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && !firstWork.Task.IsCompleted)
            {
                foreach (var silo in await Task.WhenAll(Enumerable.Range(0, 12).Select(i => executor.Submit(Work.WhereAmI, i).AsTask())))
                {
                    if (port is { } p && started is { } watch && silo.Contains($":{p}:", StringComparison.Ordinal))
                    {
                        firstWork.TrySetResult(watch.Elapsed);
                    }
                }
            }
        });
        var (readyWatch, siloPort) = silos.Start(name, membership);
        var ready = readyWatch.Elapsed;
        (started, port) = (readyWatch, siloPort);
        var first = await firstWork.Task.WaitAsync(stop.Token);
        await sender;
        return (ready, first);
    }

    private static void Row(string name, List<double> noop, List<double> sequential, List<double> cluster) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Rounds.Median(noop):0.0} | {Rounds.List(noop, "0.0")} | {Rounds.Median(sequential):0.00} s | {Rounds.Median(cluster):0.00} s | {Rounds.Median(sequential) / Rounds.Median(cluster):0.00}x |"));

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
