using System.Diagnostics;
using Futures;
using Futures.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ClusterPrimes;

/// <summary>
/// `client (--redis HOST:PORT | --gateways G1,G2,G3)`: waits for --silos silos, warms every one of them up (JIT, first
/// grain activations) and this process too, then times the same numbers sequentially here and through a
/// ClusterExecutor, and prints the speed-up next to the ceiling this machine allows.
/// </summary>
internal static class ClientMode
{
    private static readonly TimeSpan ClusterWait = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(Options options)
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(client =>
            {
                if (options.Redis is { } redis)
                {
                    // Pick up new silos within a second (Orleans' default: every minute).
                    client.UseFuturesRedisClustering(redis).Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
                }
                else
                {
                    client.UseLocalhostClustering([.. options.Gateways]);
                }
            })
            .Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        await using var executor = new ClusterExecutor(client, maxInFlight: options.MaxInFlight);

        var silos = await WarmUpAsync(executor, options.Silos);
        Console.WriteLine($"Warmed up {silos.Count} silos ({string.Join(", ", silos.Order())}); maxInFlight {executor.MaxInFlight}; load average {LoadAverage()}.");

        Console.WriteLine($"Checking {Primes.Numbers.Length} numbers sequentially in this process...");
        var watch = Stopwatch.StartNew();
        var local = Primes.Numbers.Select(Primes.Check).ToList();
        var sequential = watch.Elapsed;
        Console.WriteLine($"  sequential: {sequential.TotalSeconds:0.00} s");

        Console.WriteLine($"Checking the same numbers on the cluster ({silos.Count} silos)...");
        watch.Restart();
        var futures = Primes.Numbers.Select(n => executor.Submit(Primes.Check, n)).ToList();
        var perSilo = new Dictionary<string, int>();
        foreach (var future in Future.AsCompleted(futures))
        {
            var check = future.Result();
            perSilo[check.Silo] = perSilo.GetValueOrDefault(check.Silo) + 1;
            Console.WriteLine($"  {check.N,16}  {(check.IsPrime ? "P" : " ")}  {check.Milliseconds,7:0} ms  on {check.Silo}");
        }

        var cluster = watch.Elapsed;
        var wrong = futures.Select(f => f.Result()).Zip(local).Count(p => p.First.IsPrime != p.Second.IsPrime);
        Console.WriteLine($"  cluster: {cluster.TotalSeconds:0.00} s; per silo: {string.Join(", ", perSilo.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}{(wrong == 0 ? "" : $"; {wrong} ANSWERS DIFFER")}");

        var (ceiling, why) = Ceiling(local, sequential, executor.MaxInFlight);
        Console.WriteLine($"Speed-up: {sequential / cluster:0.00}x; ceiling on this machine: {ceiling:0.00}x ({why}); load average {LoadAverage()}.");
        await host.StopAsync();
        return wrong == 0 ? 0 : 1;
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> silos are active, then sends small checks until every one of them has
    /// run some (its grain activated, Check and the JSON paths jitted); warms this process's Check as well.
    /// </summary>
    private static async Task<HashSet<string>> WarmUpAsync(ClusterExecutor executor, int expected)
    {
        Primes.Check(1_000_003);
        var seen = new HashSet<string>();
        var deadline = Stopwatch.StartNew();
        while (seen.Count < expected)
        {
            if (deadline.Elapsed > ClusterWait)
            {
                throw new TimeoutException($"Only {seen.Count} of {expected} silos ran work within {ClusterWait.TotalSeconds} s ({string.Join(", ", seen)}). Are they all started?");
            }

            var round = Enumerable.Repeat(1_000_003L, Math.Max(4 * expected, 2 * executor.MaxInFlight)).Select(n => executor.Submit(Primes.Check, n)).ToList();
            foreach (var future in round)
            {
                seen.Add((await future).Silo);
            }
        }

        return seen;
    }

    /// <summary>
    /// The best speed-up this machine allows: the numbers' total time spread over the slots that can really run at once
    /// (the cores, or fewer slots in flight), but never shorter than the longest single number.
    /// </summary>
    private static (double Ceiling, string Why) Ceiling(List<PrimeCheck> local, TimeSpan sequential, int inFlight)
    {
        var slots = Math.Min(Environment.ProcessorCount, inFlight);
        var longest = local.Max(c => c.Milliseconds) / 1000;
        var total = sequential.TotalSeconds;
        var best = Math.Max(total / slots, longest);
        return (total / best, $"{Environment.ProcessorCount} cores shared by every silo, {inFlight} in flight, longest number {longest:0.00} s of {total:0.00} s");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
