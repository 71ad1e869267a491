using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Futures.Orleans.Tests;

/// <summary>
/// A real redis-server, three silo processes (the ClusterPrimes sample in silo mode) that find each other through it,
/// and a client that knows only the Redis address. Shared by every test class of <see cref="RedisClusterGroup"/>:
/// starting processes takes seconds. Tests may add, kill and stop silos (<see cref="StartSiloAsync"/>); DisposeAsync
/// kills every process it started, also when starting failed half way.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    /// <summary>Each silo runs this many items at once; the cluster's capacity is this times the live silos.</summary>
    public const int MaxConcurrentWork = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;
    private int _named;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>Every silo started, live or not, in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IEnumerable<SiloProcess> LiveSilos => _silos.Where(s => !s.HasExited);

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartSiloAsync()));

        _client = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders().SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(c => c
                .UseFuturesRedisClustering(Redis.ConnectionString)
                // Tests: see a new silo's gateway within a second (default: every minute).
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20)))
            .Build();
        await _client.StartAsync().WaitAsync(StartTimeout);
    }

    /// <summary>Starts one more silo on free ports with the fixture's Redis; completes when it serves.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        SiloProcess silo;
        lock (_silos)
        {
            silo = SiloProcess.Start($"silo-{++_named}", Redis.ConnectionString, MaxConcurrentWork);
            _silos.Add(silo);
        }

        await silo.WaitUntilReadyAsync(StartTimeout);
        return silo;
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
            Redis?.Dispose();
        }
    }
}

/// <summary>The test classes that share one <see cref="RedisClusterFixture"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterGroup : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
