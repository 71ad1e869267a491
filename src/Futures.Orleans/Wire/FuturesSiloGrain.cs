using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Futures.Orleans.Wire;

/// <summary>
/// Answers for the silo it runs on (random placement honours the placement hint that puts it there). Reentrant: it only
/// awaits, while the silo's <see cref="FuturesWorkerHost"/> bounds how much runs at once.
/// </summary>
[RandomPlacement]
[Reentrant]
internal sealed class FuturesSiloGrain(IServiceProvider services, ILocalSiloDetails silo) : Grain, IFuturesSiloGrain
{
    private readonly FuturesWorkerHost? _host = services.GetService<FuturesWorkerHost>();

    public Task<SiloCapacity> Capacity() =>
        Task.FromResult(new SiloCapacity(
            silo.SiloAddress.ToString(),
            // A silo without AddFuturesWorkers() runs no Futures work: it adds nothing to the capacity.
            _host is null ? 0 : services.GetRequiredService<IOptions<FuturesWorkerOptions>>().Value.MaxConcurrentWork));

    public Task<WorkReply> Run(WorkRequest request, CancellationToken cancellationToken) => Host.RunAsync(request, cancellationToken);

    public Task CancelToken(Guid callId)
    {
        Host.CancelToken(callId);
        return Task.CompletedTask;
    }

    private FuturesWorkerHost Host => _host ?? throw new InvalidOperationException(
        "This silo cannot run ClusterExecutor work: it was built without Futures workers. Call siloBuilder.AddFuturesWorkers() in every silo.");
}
