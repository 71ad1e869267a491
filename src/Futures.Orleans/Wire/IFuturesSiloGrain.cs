namespace Futures.Orleans.Wire;

/// <summary>
/// One per silo, keyed by the silo's address and placed on it (a placement hint): tells a client how much work that
/// silo runs at once, so that ClusterExecutor can size its calls in flight to the cluster.
/// </summary>
[Alias("Futures.Orleans.IFuturesSiloGrain")]
internal interface IFuturesSiloGrain : IGrainWithStringKey
{
    [Alias("Capacity")]
    Task<SiloCapacity> Capacity();
}
