using Futures.Orleans.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Orleans.Hosting;

/// <summary>Registers the silo side of <see cref="Futures.Orleans.ClusterExecutor"/>.</summary>
public static class FuturesSiloBuilderExtensions
{
    /// <summary>
    /// Lets this silo run <see cref="Futures.Orleans.ClusterExecutor"/> work: it adds the worker that runs each item on a
    /// dedicated thread, at most <see cref="Futures.Orleans.FuturesWorkerOptions.MaxConcurrentWork"/> at once. Call it
    /// on every silo of the cluster; the work's own assemblies must be deployed to every silo too.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Changes the options; null keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ISiloBuilder AddFuturesWorkers(this ISiloBuilder builder, Action<Futures.Orleans.FuturesWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<Futures.Orleans.FuturesWorkerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.MaxConcurrentWork >= 1, "FuturesWorkerOptions.MaxConcurrentWork must be at least 1.");
        builder.Services.AddSingleton<FuturesWorkerHost>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<FuturesWorkerHost>());
        return builder;
    }
}
