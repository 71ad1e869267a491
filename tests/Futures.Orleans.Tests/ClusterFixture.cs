using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Futures.Orleans.Tests;

/// <summary>
/// A 3-silo in-process cluster on 127.0.0.1 (TestCluster picks free ports), shared by one test class: starting silos
/// takes seconds, a test takes milliseconds. Silos log at Error level only.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>How long starting the cluster may take on a busy shared machine before the fixture fails.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    protected virtual short Silos => 3;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync().WaitAsync(StartTimeout);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator, IHostConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddFuturesWorkers(o => o.MaxConcurrentWork = 4);

        public void Configure(IHostBuilder hostBuilder) => hostBuilder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator, IHostConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));

        public void Configure(IHostBuilder hostBuilder) => hostBuilder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
    }
}
