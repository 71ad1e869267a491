using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Futures.Orleans.Wire;

/// <summary>
/// Hands each call to the silo's <see cref="FuturesWorkerHost"/>, which runs it on its own threads. Reentrant and
/// stateless: the grain only awaits, so one activation can hold many calls while the host bounds how many run.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class FuturesWorkerGrain(IServiceProvider services) : Grain, IFuturesWorkerGrain
{
    private readonly FuturesWorkerHost _host = services.GetService<FuturesWorkerHost>()
        ?? throw new InvalidOperationException(
            "This silo cannot run ClusterExecutor work: it was built without Futures workers. Call siloBuilder.AddFuturesWorkers() in every silo.");

    public Task<WorkReply> Run(WorkRequest request, CancellationToken cancellationToken) => _host.RunAsync(request, cancellationToken);
}
