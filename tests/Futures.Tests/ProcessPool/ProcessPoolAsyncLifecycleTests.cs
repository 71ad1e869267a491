using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>Async work and the pool's life: slots held until the task completes, tokens cancelled at shutdown.</summary>
public class ProcessPoolAsyncLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task AsyncWork_HoldsItsWorkerUntilItsTaskCompletes_QueuedWorkStaysPendingAndCancellable()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var awaiting = pool.Submit(ProcessJobs.GateAsync, gate.Name);
        var queued = pool.Submit(ProcessJobs.SquareLater, 4);
        var cancelled = pool.Submit(ProcessJobs.SquareLater, 5);
        await gate.WaitForStartAsync(); // the async method is awaiting its pipe in the worker

        // Act
        var pendingWhileAwaiting = queued.State;
        var cancelledWhileAwaiting = cancelled.Cancel();
        gate.Release();

        // Assert
        Assert.Equal(FutureState.Pending, pendingWhileAwaiting);
        Assert.True(cancelledWhileAwaiting);
        Assert.True(await awaiting.AsTask().WaitAsync(Patience) > 0);
        Assert.Equal(16, await queued.AsTask().WaitAsync(Patience));
        Assert.True(cancelled.Cancelled);
    }

    [Fact(Timeout = 60_000)]
    public async Task ShutdownCancelFutures_RunningTokenWork_TokenIsCancelledInTheWorker()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        await using var results = pool.MapAsync(ProcessJobs.GateThenUntilCancelled, [gate.Name]).GetAsyncEnumerator();
        var first = results.MoveNextAsync().AsTask();
        var pid = await gate.WaitForStartAsync(); // it runs, and now awaits its token

        // Act
        pool.Shutdown(wait: false, cancelFutures: true);

        // Assert: the work ended by throwing OperationCanceledException, as Task.Delay does on a cancelled token
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Patience));
        await pool.ShutdownAsync().WaitAsync(Patience);
        Assert.Empty(await Processes.WaitUntilGoneAsync([pid], TimeSpan.Zero));
    }

    [Fact(Timeout = 60_000)]
    public async Task ShutdownCancelFutures_TokenWork_FinishesWithOperationCanceled_PendingIsCancelled()
    {
        // Arrange: the first is sent at once (a fresh worker is started for it); the second waits in the queue
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        var running = pool.Submit(ProcessJobs.UntilCancelled);
        var runningNoResult = pool.Submit(ProcessJobs.UntilCancelledNoResult);

        // Act
        pool.Shutdown(wait: false, cancelFutures: true);

        // Assert: Finished with the exception, not Cancelled (Python: a running future is never cancelled)
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.AsTask().WaitAsync(Patience));
        Assert.Equal(FutureState.Finished, running.State);
        Assert.IsAssignableFrom<OperationCanceledException>(running.Exception(Patience));
        Assert.True(runningNoResult.Cancelled);
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task ShutdownCancelFutures_AfterAPlainShutdown_StillCancelsTheToken()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        var running = pool.Submit(ProcessJobs.UntilCancelled);
        pool.Shutdown(wait: false);

        // Act: a later call may still cancel, as in Python
        pool.Shutdown(wait: false, cancelFutures: true);

        // Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.AsTask().WaitAsync(Patience));
        await pool.ShutdownAsync().WaitAsync(Patience);
    }
}
