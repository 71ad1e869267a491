using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>The shared executor contract on silo processes and a client that find each other only through Redis.</summary>
[Collection(RedisClusterGroup.Name)]
public sealed class RedisClusterContractTests(RedisClusterFixture cluster) : ExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ClusterExecutor(cluster.Client, maxInFlight: maxWorkers);
}
