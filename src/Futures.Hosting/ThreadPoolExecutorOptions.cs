namespace Futures.Hosting;

/// <summary>
/// Settings of a <see cref="ThreadPoolExecutor"/> registered with
/// <see cref="Microsoft.Extensions.DependencyInjection.FuturesServiceCollectionExtensions.AddThreadPoolExecutor"/>.
/// Bound from the configuration section <c>Futures:Executors:{name}</c>.
/// </summary>
public sealed class ThreadPoolExecutorOptions
{
    /// <summary>The most threads the executor runs at once. The default value is null: <see cref="Environment.ProcessorCount"/> + 4, at most 32.</summary>
    public int? MaxWorkers { get; set; }

    /// <summary>The name prefix of the executor's threads. The default value is null: the executor's registered name.</summary>
    public string? ThreadNamePrefix { get; set; }

    /// <summary>Runs once on each worker thread before its first work item; set in code only. The default value is null.</summary>
    public Action? Initializer { get; set; }
}
