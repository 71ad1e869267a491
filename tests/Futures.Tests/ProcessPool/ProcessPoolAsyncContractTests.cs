using Futures;
using Futures.Tests.Contract;

namespace Futures.Tests.ProcessPool;

/// <summary>The version 2 executor contract, run against real worker processes.</summary>
public sealed class ProcessPoolAsyncContractTests : AsyncExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ProcessPoolExecutor(maxWorkers);
}
