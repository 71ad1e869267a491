using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Futures.Hosting.Tests;

/// <summary>A real generic host with in-memory configuration and a chosen shutdown timeout.</summary>
internal static class TestHost
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static IHost Build(Action<IServiceCollection> services, Dictionary<string, string?>? configuration = null, TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? Patience);
        services(builder.Services);
        return builder.Build();
    }

    /// <summary>True once the executor refuses new work, which it does from the moment the host began to stop it.</summary>
    public static bool RefusesWork(Executor executor)
    {
        try
        {
            executor.Submit(static () => 0);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
