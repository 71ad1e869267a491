using Futures;
using Futures.Tests.Contract;

namespace Futures.Tests.ProcessPool;

/// <summary>The shared executor contract, run against real worker processes.</summary>
public class ProcessPoolExecutorTests : ExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ProcessPoolExecutor(maxWorkers);
}
