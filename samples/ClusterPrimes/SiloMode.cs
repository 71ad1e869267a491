using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ClusterPrimes;

/// <summary>
/// `silo ...`: one silo with Futures workers. With --redis it keeps its membership in that Redis (any machine, any
/// number of silos); without, it is one silo of a localhost cluster whose primary listens on --primary-port. Prints
/// "READY name pid ..." once it serves. A stop (SIGTERM, Ctrl+C, or end of standard input with --lifeline stdin) drains
/// it: running work finishes and is answered, for at most --drain-seconds, then it exits with 0.
/// </summary>
internal static class SiloMode
{
    public static async Task<int> RunAsync(Options options)
    {
        SiloIdentity.Name = options.Name;
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error))
            .ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Drain))
            .UseOrleans(silo =>
            {
                Cluster(silo, options);
                silo.Configure<ClusterMembershipOptions>(membership =>
                {
                    // One machine: a killed silo is declared dead in about 2-3 s instead of the default 15 s or so
                    // (calls that the survivors route to it fail until then), and silos re-read the table every 2 s.
                    // Not for a real network: keep Orleans' defaults there (docs/cluster.md).
                    membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                    membership.NumMissedProbesLimit = 2;
                    membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                });
                silo.AddFuturesWorkers(o => o.MaxConcurrentWork = options.MaxConcurrentWork ?? o.MaxConcurrentWork);
            })
            .Build();
        await host.StartAsync();
        Console.WriteLine($"READY {options.Name} pid {Environment.ProcessId} silo {options.SiloPort} gateway {options.GatewayPort}{(options.Redis is null ? "" : " redis " + options.Redis)}");

        var stop = host.WaitForShutdownAsync();
        if (options.StdinLifeline)
        {
            // A parent that dies closes the pipe: its silos go with it.
            var stdinClosed = Task.Run(() =>
            {
                while (Console.In.ReadLine() is not null)
                {
                }
            });
            await Task.WhenAny(stdinClosed, stop);
            await host.StopAsync();
        }

        await stop;
        Console.WriteLine($"STOPPED {options.Name}");
        return 0;
    }

    private static void Cluster(ISiloBuilder silo, Options options)
    {
        if (options.Redis is { } redis)
        {
            silo.UseFuturesRedisClustering(redis);
            if (options.Advertise is { } advertise)
            {
                silo.ConfigureEndpoints(advertise, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort);
            }

            return;
        }

        var primary = new IPEndPoint(IPAddress.Loopback, options.PrimaryPort);
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, options.SiloPort == options.PrimaryPort ? null : primary);
    }
}
