using System.Diagnostics.CodeAnalysis;
using Futures;
using Futures.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Futures executors as keyed singletons that the host shuts down when it stops.</summary>
public static class FuturesServiceCollectionExtensions
{
    /// <summary>The configuration section that holds each executor's settings, under its name: <c>Futures:Executors:{name}</c>.</summary>
    public const string ConfigurationSection = "Futures:Executors";

    /// <summary>
    /// Registers a <see cref="ThreadPoolExecutor"/> named <paramref name="name"/>: a keyed singleton, resolvable by that
    /// key as <see cref="ThreadPoolExecutor"/> and as <see cref="Executor"/> (<c>[FromKeyedServices("name")]</c>),
    /// created when first resolved. Its options come from <paramref name="configure"/> and then from the configuration
    /// section <c>Futures:Executors:{name}</c> (keys present there win). When the host stops, the executor takes no more
    /// work, lets submitted work finish until the host's shutdown timeout, then cancels what has not started.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The executor's key, also its default thread name prefix.</param>
    /// <param name="configure">Sets options in code; null keeps the defaults.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already names an executor.</exception>
    public static IServiceCollection AddThreadPoolExecutor(this IServiceCollection services, string name, Action<ThreadPoolExecutorOptions>? configure = null)
    {
        AddShutdown(services, name);

        // Bound here and in AddProcessPoolExecutor, not in a shared generic helper: the configuration binder's source
        // generator (trim- and AOT-safe binding) binds only calls on a concrete options type.
        var options = services.AddOptions<ThreadPoolExecutorOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.BindConfiguration($"{ConfigurationSection}:{name}")
            .Validate(o => o.MaxWorkers is null or >= 1, $"{ConfigurationSection}:{name}:MaxWorkers must be at least 1.")
            .ValidateOnStart();
        services.AddKeyedSingleton(name, static (provider, key) =>
        {
            var name = (string)key!;
            var options = provider.GetRequiredService<IOptionsMonitor<ThreadPoolExecutorOptions>>().Get(name);
            var executor = new ThreadPoolExecutor(options.MaxWorkers, options.ThreadNamePrefix ?? name, options.Initializer);
            return provider.GetRequiredService<ExecutorRegistry>().Track(name, executor);
        });
        services.AddKeyedSingleton<Executor>(name, static (provider, key) => provider.GetRequiredKeyedService<ThreadPoolExecutor>(key));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="ProcessPoolExecutor"/> named <paramref name="name"/>: a keyed singleton, resolvable by that
    /// key as <see cref="ProcessPoolExecutor"/> and as <see cref="Executor"/>, created when first resolved (its worker
    /// processes start with the first work). Its options come from <paramref name="configure"/> and then from the
    /// configuration section <c>Futures:Executors:{name}</c> (keys present there win). When the host stops, the pool
    /// takes no more work, lets submitted work finish until the host's shutdown timeout, then cancels what has not
    /// started; its worker processes exit when their work is done.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The executor's key.</param>
    /// <param name="configure">Sets options in code; null keeps the defaults.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already names an executor.</exception>
    [RequiresUnreferencedCode("ProcessPoolExecutor loads assemblies, finds methods by name and serializes arguments and results with reflection.")]
    [RequiresDynamicCode("ProcessPoolExecutor serializes arguments and results with reflection-based System.Text.Json.")]
    public static IServiceCollection AddProcessPoolExecutor(this IServiceCollection services, string name, Action<ProcessPoolExecutorOptions>? configure = null)
    {
        AddShutdown(services, name);
        var options = services.AddOptions<ProcessPoolExecutorOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.BindConfiguration($"{ConfigurationSection}:{name}")
            .Validate(o => o.MaxWorkers is null or >= 1, $"{ConfigurationSection}:{name}:MaxWorkers must be at least 1.")
            .Validate(o => o.MaxTasksPerChild is null or >= 1, $"{ConfigurationSection}:{name}:MaxTasksPerChild must be at least 1.")
            .ValidateOnStart();
        services.AddKeyedSingleton(name, static (provider, key) =>
        {
            var name = (string)key!;
            var options = provider.GetRequiredService<IOptionsMonitor<ProcessPoolExecutorOptions>>().Get(name);
            var executor = new ProcessPoolExecutor(options.MaxWorkers, options.MaxTasksPerChild, options.Initializer);
            return provider.GetRequiredService<ExecutorRegistry>().Track(name, executor);
        });
        services.AddKeyedSingleton<Executor>(name, static (provider, key) => provider.GetRequiredKeyedService<ProcessPoolExecutor>(key));
        return services;
    }

    /// <summary>Checks the name and adds, once, what tracks and shuts down the executors.</summary>
    private static void AddShutdown(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(Executor) && Equals(d.ServiceKey, name)))
        {
            throw new ArgumentException($"An executor named '{name}' is already registered. Give each executor its own name.", nameof(name));
        }

        services.TryAddSingleton<ExecutorRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExecutorShutdownService>());
    }
}
