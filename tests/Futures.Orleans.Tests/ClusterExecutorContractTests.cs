using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>The shared executor contract, run against ClusterExecutor on a 3-silo in-process cluster.</summary>
[Collection(InProcessClusterGroup.Name)]
public sealed class ClusterExecutorContractTests(ClusterFixture cluster) : ExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ClusterExecutor(cluster.Client, maxInFlight: maxWorkers);
}

/// <summary>The version 2 contract (async work, tokens, two sources, MapAsync, misuse) on the same cluster.</summary>
[Collection(InProcessClusterGroup.Name)]
public sealed class ClusterExecutorAsyncContractTests(ClusterFixture cluster) : AsyncExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ClusterExecutor(cluster.Client, maxInFlight: maxWorkers);
}

/// <summary>The test classes that share one in-process <see cref="ClusterFixture"/> and leave its silos running.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "In-process cluster";
}
