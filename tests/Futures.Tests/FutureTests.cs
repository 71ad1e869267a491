using System.Runtime.CompilerServices;

namespace Futures.Tests;

/// <summary>A future made and completed by hand: the state machine, outcomes, timeouts and await.</summary>
public class FutureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void New_IsPending()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var state = future.State;

        // Assert
        Assert.Equal(FutureState.Pending, state);
        Assert.False(future.Done);
        Assert.False(future.Running);
        Assert.False(future.Cancelled);
    }

    [Fact]
    public void SetRunningOrNotifyCancel_Pending_StartsRunning()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var started = future.SetRunningOrNotifyCancel();

        // Assert
        Assert.True(started);
        Assert.Equal(FutureState.Running, future.State);
        Assert.True(future.Running);
        Assert.False(future.Done);
    }

    [Fact]
    public void SetRunningOrNotifyCancel_Cancelled_ReturnsFalse()
    {
        // Arrange
        var future = new Future<int>();
        future.Cancel();

        // Act
        var started = future.SetRunningOrNotifyCancel();

        // Assert
        Assert.False(started);
        Assert.Equal(FutureState.Cancelled, future.State);
    }

    [Fact]
    public void SetRunningOrNotifyCancel_AlreadyRunning_ThrowsInvalidOperation()
    {
        // Arrange
        var future = new Future<int>();
        future.SetRunningOrNotifyCancel();

        // Act
        var thrown = Record.Exception(() => future.SetRunningOrNotifyCancel());

        // Assert
        Assert.IsAssignableFrom<InvalidOperationException>(thrown);
    }

    [Fact]
    public void SetRunningOrNotifyCancel_Finished_ThrowsInvalidOperation()
    {
        // Arrange
        var future = new Future<int>();
        future.SetResult(1);

        // Act
        var thrown = Record.Exception(() => future.SetRunningOrNotifyCancel());

        // Assert
        Assert.IsType<InvalidFutureStateException>(thrown);
    }

    [Fact]
    public void SetResult_Running_Finishes()
    {
        // Arrange
        var future = new Future<string>();
        future.SetRunningOrNotifyCancel();

        // Act
        future.SetResult("done");

        // Assert
        Assert.Equal(FutureState.Finished, future.State);
        Assert.True(future.Done);
        Assert.Equal("done", future.Result(TimeSpan.Zero));
        Assert.Null(future.Exception(TimeSpan.Zero));
    }

    [Fact]
    public void SetResult_Twice_ThrowsInvalidOperation()
    {
        // Arrange
        var future = new Future<int>();
        future.SetResult(1);

        // Act
        var again = Record.Exception(() => future.SetResult(2));
        var exception = Record.Exception(() => future.SetException(new InvalidDataException()));

        // Assert
        Assert.IsAssignableFrom<InvalidOperationException>(again);
        Assert.IsAssignableFrom<InvalidOperationException>(exception);
        Assert.Equal(1, future.Result(TimeSpan.Zero));
        Assert.False(future.TrySetResult(3));
    }

    [Fact]
    public void SetResult_Cancelled_ThrowsInvalidOperation()
    {
        // Arrange
        var future = new Future<int>();
        future.Cancel();

        // Act
        var thrown = Record.Exception(() => future.SetResult(2));

        // Assert
        Assert.IsAssignableFrom<InvalidOperationException>(thrown);
        Assert.True(future.Cancelled);
    }

    [Fact]
    public void Cancel_Pending_CancelsAndIsIdempotent()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var first = future.Cancel();
        var second = future.Cancel();

        // Assert
        Assert.True(first);
        Assert.True(second);
        Assert.Equal(FutureState.Cancelled, future.State);
        Assert.True(future.Done);
        Assert.True(future.Cancelled);
    }

    [Fact]
    public void Cancel_Running_ReturnsFalse()
    {
        // Arrange
        var future = new Future<int>();
        future.SetRunningOrNotifyCancel();

        // Act
        var cancelled = future.Cancel();

        // Assert
        Assert.False(cancelled);
        Assert.Equal(FutureState.Running, future.State);
    }

    [Fact]
    public void Cancel_Finished_ReturnsFalse()
    {
        // Arrange
        var future = new Future<int>();
        future.SetException(new InvalidDataException());

        // Act
        var cancelled = future.Cancel();

        // Assert
        Assert.False(cancelled);
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void Result_Cancelled_ThrowsOperationCanceled()
    {
        // Arrange
        var future = new Future<int>();
        future.Cancel();

        // Act
        var result = Record.Exception(() => future.Result(Patience));
        var exception = Record.Exception(() => future.Exception(Patience));

        // Assert
        Assert.IsType<FutureCancelledException>(result);
        Assert.IsAssignableFrom<OperationCanceledException>(result);
        Assert.IsType<FutureCancelledException>(exception);
    }

    [Fact]
    public void Result_NotDoneInTime_ThrowsTimeout()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var result = Record.Exception(() => future.Result(TimeSpan.FromMilliseconds(30)));
        var exception = Record.Exception(() => future.Exception(TimeSpan.Zero));

        // Assert
        Assert.IsType<TimeoutException>(result);
        Assert.IsType<TimeoutException>(exception);
        Assert.Equal(FutureState.Pending, future.State);
    }

    [Fact]
    public void Result_CompletedByAnotherThread_Wakes()
    {
        // Arrange
        var future = new Future<int>();
        using var waiting = new ManualResetEventSlim();
        var completer = new Thread(() =>
        {
            waiting.Wait(Patience);
            future.SetResult(5);
        });
        completer.Start();

        // Act
        waiting.Set();
        var result = future.Result(Patience);
        completer.Join();

        // Assert
        Assert.Equal(5, result);
    }

    [Fact]
    public void Result_Failed_RethrowsTheSameExceptionWithItsStack()
    {
        // Arrange
        var future = new Future<int>();
        future.SetException(CaughtFrom(ThrowingMethod));

        // Act
        var thrown = Record.Exception(() => future.Result(TimeSpan.Zero));

        // Assert
        var exception = Assert.IsType<InvalidDataException>(thrown);
        Assert.Same(future.Exception(TimeSpan.Zero), exception);
        Assert.Contains(nameof(ThrowingMethod), exception.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void SetException_Null_ThrowsArgumentNull()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var thrown = Record.Exception(() => future.SetException(null!));

        // Assert
        Assert.IsType<ArgumentNullException>(thrown);
        Assert.Equal(FutureState.Pending, future.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_SetLater_YieldsResult()
    {
        // Arrange
        var future = new Future<int>();
        var awaiting = Task.Run(async () => await future);

        // Act
        future.SetResult(11);
        var result = await awaiting.WaitAsync(Patience);

        // Assert
        Assert.Equal(11, result);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_Failed_ThrowsTheSameException()
    {
        // Arrange
        var future = new Future<int>();
        future.SetException(CaughtFrom(ThrowingMethod));

        // Act
        var thrown = await Record.ExceptionAsync(async () => await future);

        // Assert
        var exception = Assert.IsType<InvalidDataException>(thrown);
        Assert.Contains(nameof(ThrowingMethod), exception.StackTrace, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_Cancelled_ThrowsOperationCanceled()
    {
        // Arrange
        var future = new Future<int>();
        future.Cancel();

        // Act
        var typed = await Record.ExceptionAsync(async () => await future);
        var untyped = await Record.ExceptionAsync(async () => await (Future)future);

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(typed);
        Assert.IsAssignableFrom<OperationCanceledException>(untyped);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsTask_Continuations_DoNotRunOnTheCompletingThread()
    {
        // Arrange: a continuation that asks to run synchronously and then blocks until released.
        var future = new Future<int>();
        using var release = new ManualResetEventSlim();
        var continuation = future.AsTask().ContinueWith(
            _ => release.Wait(Patience), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // Act: had the continuation run inline, SetResult would return only after it timed out.
        future.SetResult(1);
        var finishedBeforeRelease = continuation.IsCompleted;
        release.Set();

        // Assert
        Assert.False(finishedBeforeRelease);
        Assert.True(await continuation.WaitAsync(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task AsTask_CalledTwice_ReturnsTheSameTask()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var first = future.AsTask();
        var second = future.AsTask();
        future.SetResult(4);

        // Assert
        Assert.Same(first, second);
        Assert.Equal(4, await first.WaitAsync(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_TokenFires_ThrowsButLeavesTheFuturePending()
    {
        // Arrange
        var future = new Future<int>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        // Act
        var thrown = await Record.ExceptionAsync(() => future.WaitAsync(cts.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.Equal(FutureState.Pending, future.State);
    }

    [Fact]
    public void ToString_DescribesTheState()
    {
        // Arrange
        var pending = new Future<int>();
        var finished = new Future<int>();
        finished.SetResult(1);
        var failed = new Future<int>();
        failed.SetException(new InvalidDataException());

        // Act
        var texts = new[] { pending.ToString(), finished.ToString(), failed.ToString() };

        // Assert
        Assert.Equal("<Future state=pending>", texts[0]);
        Assert.Equal("<Future state=finished returned Int32>", texts[1]);
        Assert.Equal("<Future state=finished raised InvalidDataException>", texts[2]);
    }

    private static Exception CaughtFrom(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("The action did not throw.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowingMethod() => throw new InvalidDataException("bad data");
}
