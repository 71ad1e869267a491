using System.Diagnostics;
using Futures;
using Futures.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace ClusterPrimes;

/// <summary>
/// `client --gateways G1,G2,G3`: runs the primes demo twice, first sequentially in this process, then through a
/// ClusterExecutor over the silos, printing which silo checked each number and the speed-up.
/// </summary>
internal static class ClientMode
{
    public static async Task<int> RunAsync(Options options)
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(client => client.UseLocalhostClustering([.. options.Gateways]))
            .Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();

        Console.WriteLine($"Checking {Primes.Numbers.Length} numbers sequentially in this process...");
        var watch = Stopwatch.StartNew();
        foreach (var n in Primes.Numbers)
        {
            Primes.Check(n);
        }

        var sequential = watch.Elapsed;
        Console.WriteLine($"  sequential: {sequential.TotalSeconds:0.00} s");

        Console.WriteLine($"Checking them on the cluster ({options.Gateways.Count} gateways)...");
        await using var executor = new ClusterExecutor(client, maxInFlight: options.MaxInFlight);
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
        Console.WriteLine($"  cluster: {cluster.TotalSeconds:0.00} s; per silo: {string.Join(", ", perSilo.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        Console.WriteLine($"Speed-up: {sequential / cluster:0.00}x on {Environment.ProcessorCount} cores (the silos share this machine's cores).");
        await host.StopAsync();
        return 0;
    }
}
