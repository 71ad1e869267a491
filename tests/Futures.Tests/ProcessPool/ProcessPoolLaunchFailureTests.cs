using Futures;
using Futures.ProcessPool;
using Futures.Tests.Contract;

namespace Futures.Tests.ProcessPool;

/// <summary>A worker that cannot be started breaks the pool (issue 11: "Queue empty." and a dead test host before).</summary>
public class ProcessPoolLaunchFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Submit_WorkerHostMissing_ThrowsBrokenProcessPoolNamingTheCause()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var pool = new ProcessPoolExecutor(1, null, null, new WorkerLauncher(folder.Path));

        // Act
        var error = Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Pid));

        // Assert
        Assert.Contains("could not start a worker process", error.Message, StringComparison.Ordinal);
        Assert.Contains("Futures.Worker.dll", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Square, 2));
    }

    [Fact(Timeout = 60_000)]
    public async Task Shutdown_AfterLaunchFailure_ReturnsAtOnce()
    {
        // Arrange
        using var folder = new TempDirectory();
        var pool = new ProcessPoolExecutor(1, null, null, new WorkerLauncher(folder.Path));
        Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Pid));

        // Act + Assert
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task ReplacementWorkerCannotStart_OnTheReaderThread_PendingFuturesFailWithBrokenProcessPool()
    {
        // Arrange: one worker that runs one task; its replacement is started on the reader thread when it answers
        using var folder = new TempDirectory();
        var pool = new ProcessPoolExecutor(1, 1, null, new WorkerHostMissingAfter(goodStarts: 1, folder.Path));
        using var held = await HeldWorker.StartAsync(pool);
        var pending = pool.Submit(ProcessJobs.Square, 3);

        // Act
        held.Release();

        // Assert
        Assert.True(await held.Running.AsTask().WaitAsync(Patience) > 0);
        var error = await Assert.ThrowsAsync<BrokenProcessPoolException>(() => pending.AsTask().WaitAsync(Patience));
        Assert.Contains("Futures.Worker.dll", error.Message, StringComparison.Ordinal);
        Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Pid));
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task SecondWorkerCannotStart_RunningWorkFailsAndNothingHangs()
    {
        // Arrange: the first worker is busy, so the second Submit starts another worker, which fails
        using var folder = new TempDirectory();
        var pool = new ProcessPoolExecutor(2, null, null, new WorkerHostMissingAfter(goodStarts: 1, folder.Path));
        using var held = await HeldWorker.StartAsync(pool);

        // Act
        var refused = Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Square, 3));

        // Assert: the broken pool killed the busy worker too; its future fails instead of waiting on it
        Assert.Contains("Futures.Worker.dll", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BrokenProcessPoolException>(() => held.Running.AsTask().WaitAsync(Patience));
        await pool.ShutdownAsync().WaitAsync(Patience);
    }
}
