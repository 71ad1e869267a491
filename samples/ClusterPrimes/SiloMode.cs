using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ClusterPrimes;

/// <summary>
/// `silo --name N --silo-port P --gateway-port G --primary-port P0`: one silo of a localhost cluster (all listeners on
/// 127.0.0.1; the silo on P0 is the primary that the others join). Prints "READY name pid" once it serves, then runs
/// until killed, Ctrl+C, or end of standard input (so a parent that dies takes its silos with it).
/// </summary>
internal static class SiloMode
{
    public static async Task<int> RunAsync(Options options)
    {
        SiloIdentity.Name = options.Name;
        var primary = new IPEndPoint(IPAddress.Loopback, options.PrimaryPort);
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error))
            .UseOrleans(silo => silo
                .UseLocalhostClustering(options.SiloPort, options.GatewayPort, options.SiloPort == options.PrimaryPort ? null : primary)
                .Configure<ClusterMembershipOptions>(membership =>
                {
                    // A killed silo is declared dead in about 2-3 s instead of the default 15 s or so: calls that the
                    // survivors route to it fail until then. Fine on one machine; on a real network keep the defaults.
                    membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                    membership.NumMissedProbesLimit = 2;
                })
                .AddFuturesWorkers())
            .Build();
        await host.StartAsync();
        Console.WriteLine($"READY {options.Name} pid {Environment.ProcessId} silo 127.0.0.1:{options.SiloPort} gateway 127.0.0.1:{options.GatewayPort}");

        var stdinClosed = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        await Task.WhenAny(stdinClosed, host.WaitForShutdownAsync());
        await host.StopAsync(TimeSpan.FromSeconds(5));
        return 0;
    }
}
