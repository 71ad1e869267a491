using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace Futures.Orleans.Wire;

/// <summary>Answers for the silo it runs on; random placement honours the placement hint that puts it there.</summary>
[RandomPlacement]
internal sealed class FuturesSiloGrain(IServiceProvider services, ILocalSiloDetails silo) : Grain, IFuturesSiloGrain
{
    public Task<SiloCapacity> Capacity() =>
        Task.FromResult(new SiloCapacity(
            silo.SiloAddress.ToString(),
            // A silo without AddFuturesWorkers() runs no Futures work: it adds nothing to the capacity.
            services.GetService<FuturesWorkerHost>() is null ? 0 : services.GetRequiredService<IOptions<FuturesWorkerOptions>>().Value.MaxConcurrentWork));
}
