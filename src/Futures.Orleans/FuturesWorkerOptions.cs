namespace Futures.Orleans;

/// <summary>Settings of the Futures workers in one silo (see <see cref="FuturesSiloBuilderExtensions.AddFuturesWorkers"/>).</summary>
public sealed class FuturesWorkerOptions
{
    /// <summary>
    /// How many work items this silo runs at once, each on a dedicated thread; calls beyond that wait in the silo's queue
    /// (and that wait counts against the client's response timeout). The default value is
    /// <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int MaxConcurrentWork { get; set; } = Environment.ProcessorCount;
}
