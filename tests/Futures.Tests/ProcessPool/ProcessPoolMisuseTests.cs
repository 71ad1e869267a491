using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// Issue 11: what a user does to a submitted future never ends the process nor stops the pool; an item that is no
/// longer Pending when its turn comes is skipped. Each case ran into an exception on a reader thread before.
/// </summary>
public class ProcessPoolMisuseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60_000)]
    public async Task QueuedFutureStartedByHand_IsSkipped_AndThePoolGoesOn()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var queued = pool.Submit(ProcessJobs.Square, 5);
        var next = pool.Submit(ProcessJobs.Square, 3);

        // Act
        Assert.True(queued.SetRunningOrNotifyCancel());
        held.Release();

        // Assert
        Assert.Equal(9, await next.AsTask().WaitAsync(Patience));
        Assert.True(await held.Running.AsTask().WaitAsync(Patience) > 0);
        Assert.Equal(FutureState.Running, queued.State); // the pool left it to whoever started it
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task QueuedFutureCompletedByHand_KeepsItsOutcome_AndThePoolGoesOn()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var withResult = pool.Submit(ProcessJobs.Square, 5);
        var withError = pool.Submit(ProcessJobs.Square, 6);
        var next = pool.Submit(ProcessJobs.Square, 3);

        // Act
        Assert.True(withResult.TrySetResult(99));
        withError.SetException(new FormatException("by hand"));
        held.Release();

        // Assert
        Assert.Equal(9, await next.AsTask().WaitAsync(Patience));
        Assert.Equal(99, withResult.Result(Patience));
        Assert.IsType<FormatException>(withError.Exception(Patience));
        Assert.True(held.Running.Result(Patience) > 0);
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task RunningFutureCompletedByHand_KeepsItsOutcome_WhenTheWorkerAnswers()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);

        // Act
        Assert.True(held.Running.TrySetResult(-7));
        held.Release();
        var after = await pool.Submit(ProcessJobs.Square, 4).AsTask().WaitAsync(Patience);

        // Assert
        Assert.Equal(-7, held.Running.Result(Patience));
        Assert.Equal(16, after);
    }

    [Fact(Timeout = 60_000)]
    public async Task QueuedFutureStartedByHand_DuringShutdown_DoesNotKeepShutdownWaiting()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var queued = pool.Submit(ProcessJobs.Square, 5);
        var shutdown = pool.ShutdownAsync();

        // Act
        Assert.True(queued.SetRunningOrNotifyCancel());
        held.Release();

        // Assert
        await shutdown.WaitAsync(Patience);
        Assert.True(held.Running.Result(Patience) > 0);
        Assert.Empty(pool.WorkerProcessIds);
    }

    [Fact(Timeout = 60_000)]
    public async Task DoneCallbackThrows_OnTheReaderThread_IsReportedAndThePoolGoesOn()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var boom = new InvalidOperationException("callback failed");
        EventHandler<DoneCallbackFailedEventArgs> handler = (_, e) =>
        {
            if (ReferenceEquals(e.Exception, boom))
            {
                reported.TrySetResult(e.Exception);
            }
        };
        Future.DoneCallbackFailed += handler;
        try
        {
            held.Running.AddDoneCallback(_ => throw boom);

            // Act
            held.Release();

            // Assert
            Assert.Same(boom, await reported.Task.WaitAsync(Patience));
            Assert.Equal(25, await pool.Submit(ProcessJobs.Square, 5).AsTask().WaitAsync(Patience));
        }
        finally
        {
            Future.DoneCallbackFailed -= handler;
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task StopCalledFromADoneCallback_OnTheReaderThread_DoesNotDeadlock()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var second = pool.Submit(ProcessJobs.Square, 5);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held.Running.AddDoneCallback(_ =>
        {
            pool.TerminateWorkers();
            pool.Shutdown(wait: true); // on the reader thread: must not wait for itself
            stopped.TrySetResult();
        });

        // Act
        held.Release();

        // Assert
        await stopped.Task.WaitAsync(Patience);
        await pool.ShutdownAsync().WaitAsync(Patience);
        Assert.True(second.Done);
    }
}
