using Futures.Tests.Contract;

namespace Futures.Tests.V2;

/// <summary>The version 2 executor contract on <see cref="ThreadPoolExecutor"/>.</summary>
public sealed class ThreadPoolAsyncContractTests : AsyncExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ThreadPoolExecutor(maxWorkers);
}
