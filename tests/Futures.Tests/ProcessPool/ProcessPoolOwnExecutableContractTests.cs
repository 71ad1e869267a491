using Futures.Tests.Contract;

namespace Futures.Tests.ProcessPool;

/// <summary>The shared executor contract, with workers started from an application's own executable (its apphost).</summary>
public sealed class ProcessPoolOwnExecutableContractTests : ExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => OwnExecutable.Pool(maxWorkers);
}

/// <summary>The version 2 executor contract, with workers started from an application's own executable.</summary>
public sealed class ProcessPoolOwnExecutableAsyncContractTests : AsyncExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => OwnExecutable.Pool(maxWorkers);
}
