namespace Futures.Hosting;

/// <summary>
/// Settings of a <see cref="ProcessPoolExecutor"/> registered with
/// <see cref="Microsoft.Extensions.DependencyInjection.FuturesServiceCollectionExtensions.AddProcessPoolExecutor"/>.
/// Bound from the configuration section <c>Futures:Executors:{name}</c>.
/// </summary>
public sealed class ProcessPoolExecutorOptions
{
    /// <summary>The most worker processes the pool runs at once. The default value is null: <see cref="Environment.ProcessorCount"/>.</summary>
    public int? MaxWorkers { get; set; }

    /// <summary>How many work items a worker process runs before it is replaced. The default value is null: no limit.</summary>
    public int? MaxTasksPerChild { get; set; }

    /// <summary>
    /// A static method each worker process runs once before its first work item; set in code only. The default value
    /// is null.
    /// </summary>
    public Action? Initializer { get; set; }
}
