using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>A queued future set or started by hand before its turn: skipped, and the rest of the queue still runs.</summary>
public sealed partial class ClusterExecutorTests
{
    [Fact(Timeout = 30_000)]
    public async Task Submit_QueuedFuturesCompletedOrStartedByHand_SkippedAndTheRestRun()
    {
        // Arrange: one call holds the only slot, so the others wait in the executor's queue.
        using var temp = new TempDirectory();
        var executor = new ClusterExecutor(cluster.Client, maxInFlight: 1);
        try
        {
            var blocker = executor.Submit(Jobs.WaitForFile, temp.File("release"));
            var setByHand = executor.Submit(Jobs.Square, 3);
            var failedByHand = executor.Submit(Jobs.Square, 4);
            var startedByHand = executor.Submit(Jobs.Square, 5);
            var after = executor.Submit(Jobs.Square, 6);

            // Act
            Assert.True(setByHand.TrySetResult(99));
            failedByHand.SetException(new InvalidOperationException("by hand"));
            Assert.True(startedByHand.SetRunningOrNotifyCancel());
            temp.Release("release");
            var last = after.Result(Patience);
            await Task.Run(() => executor.Shutdown(wait: true)).WaitAsync(Patience); // hung here when a skipped item stranded the queue

            // Assert: the hand-made outcomes stand, nothing else ran in their place, the queue went on.
            Assert.Equal(1, blocker.Result(TimeSpan.Zero));
            Assert.Equal(99, setByHand.Result(TimeSpan.Zero));
            Assert.Equal("by hand", failedByHand.Exception(TimeSpan.Zero)?.Message);
            Assert.Equal(FutureState.Running, startedByHand.State);
            Assert.Equal(36, last);
        }
        finally
        {
            executor.Shutdown(wait: false, cancelFutures: true);
        }
    }
}
