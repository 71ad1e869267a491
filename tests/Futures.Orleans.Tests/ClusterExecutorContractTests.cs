using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>The shared executor contract, run against ClusterExecutor on a 3-silo in-process cluster.</summary>
public sealed class ClusterExecutorContractTests(ClusterFixture cluster) : ExecutorContractTests, IClassFixture<ClusterFixture>
{
    protected override Executor CreateExecutor(int maxWorkers) => new ClusterExecutor(cluster.Client, maxInFlight: maxWorkers);
}
