namespace Futures.Orleans.Wire;

/// <summary>
/// One per silo, keyed by the silo's address and placed on it by a placement hint: the executor sends each call to the
/// silo it chooses (the one with the most free slots), so that work spreads by capacity and a silo that joins gets work
/// as soon as the executor learns of it, whichever gateways the client happens to be connected to.
/// </summary>
[Alias("Futures.Orleans.IFuturesSiloGrain")]
internal interface IFuturesSiloGrain : IGrainWithStringKey
{
    /// <summary>This silo's address and how much work it runs at once.</summary>
    [Alias("Capacity")]
    Task<SiloCapacity> Capacity();

    /// <summary>Runs the work on this silo, as <see cref="IFuturesWorkerGrain.Run"/> does.</summary>
    [Alias("Run")]
    Task<WorkReply> Run(WorkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels the executor's token given to the work with this call id, if it runs or comes to run here.</summary>
    [Alias("CancelToken")]
    Task CancelToken(Guid callId);
}
