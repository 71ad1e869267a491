using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Futures.Orleans.Tests;

/// <summary>
/// Three silo processes on 127.0.0.1 (free ports found by binding port 0) and a client connected to their gateways.
/// Every process is killed in DisposeAsync, also when starting failed half way.
/// </summary>
public sealed class SiloProcessesFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        var ports = FreePorts(6);
        var primary = ports[0];
        _silos.Add(SiloProcess.Start("silo-1", ports[0], ports[1], primary));
        await _silos[0].WaitUntilReadyAsync(StartTimeout);
        _silos.Add(SiloProcess.Start("silo-2", ports[2], ports[3], primary));
        _silos.Add(SiloProcess.Start("silo-3", ports[4], ports[5], primary));
        await Task.WhenAll(_silos.Skip(1).Select(s => s.WaitUntilReadyAsync(StartTimeout)));

        _client = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(c => c
                .UseLocalhostClustering([ports[1], ports[3], ports[5]])
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20)))
            .Build();
        await _client.StartAsync().WaitAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_client is not null)
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _client.StopAsync(stop.Token);
                _client.Dispose();
            }
        }
        finally
        {
            _silos.ForEach(s => s.Dispose());
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
