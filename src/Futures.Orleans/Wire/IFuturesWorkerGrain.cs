namespace Futures.Orleans.Wire;

/// <summary>
/// The grain that runs ClusterExecutor work in a silo. A client sends all calls to one grain id through one gateway (it
/// maps ids to gateways round robin, on first use), and a stateless worker is activated on the silo that receives the
/// call; so the executor spreads its calls over <see cref="ClusterExecutor.WorkerKeys"/> grain ids, which spreads them
/// over the gateways, and so over the silos.
/// </summary>
[Alias("Futures.Orleans.IFuturesWorkerGrain")]
internal interface IFuturesWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the work; cancellation (the executor gave up on the call) drops it if it has not started.</summary>
    [Alias("Run")]
    Task<WorkReply> Run(WorkRequest request, CancellationToken cancellationToken = default);
}
