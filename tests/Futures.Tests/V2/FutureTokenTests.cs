namespace Futures.Tests.V2;

/// <summary>
/// Tokens on the waits of hand-made futures, and <see cref="Future.FromTask{T}(Task{T})"/>: a cancelled token ends a
/// wait with OperationCanceledException carrying it and leaves the futures as they were; a done future answers at once.
/// </summary>
public sealed class FutureTokenTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly CancellationToken Cancelled = new(canceled: true);

    [Fact]
    public void Result_PendingFutureCancelledToken_ThrowsWithThatTokenAndStaysPending()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var thrown = Record.Exception(() => future.Result(Patience, Cancelled));

        // Assert
        Assert.Equal(Cancelled, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.IsNotType<FutureCancelledException>(thrown);
        Assert.Equal(FutureState.Pending, future.State);
    }

    [Fact]
    public void Result_TokenCancelledFromAnotherThread_EndsTheBlockedWait()
    {
        // Arrange
        var future = new Future<int>();
        using var cts = new CancellationTokenSource();
        var canceller = new Thread(() => cts.Cancel());

        // Act
        canceller.Start();
        var thrown = Record.Exception(() => future.Result(Patience, cts.Token));

        // Assert
        Assert.True(canceller.Join(Patience));
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal(FutureState.Pending, future.State);
        future.SetResult(3);
        Assert.Equal(3, future.Result(Patience, cts.Token));
    }

    [Fact]
    public void Exception_RunningFutureCancelledToken_ThrowsAndStaysRunning()
    {
        // Arrange
        var future = new Future<int>();
        future.SetRunningOrNotifyCancel();

        // Act
        var thrown = Record.Exception(() => future.Exception(Patience, Cancelled));

        // Assert
        Assert.Equal(Cancelled, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal(FutureState.Running, future.State);
    }

    [Fact]
    public void Result_CancelledFuture_ThrowsCancelledErrorWhateverTheToken()
    {
        // Arrange
        var future = new Future<int>();
        future.Cancel();

        // Act
        var thrown = Record.Exception(() => future.Result(Patience, Cancelled));

        // Assert: done, so it answers as done futures do.
        Assert.IsType<FutureCancelledException>(thrown);
    }

    [Fact]
    public void Wait_PendingFuturesCancelledToken_Throws_DoneOnesAnswer()
    {
        // Arrange
        var pending = new Future<int>();
        var done = new Future<int>();
        done.SetResult(1);

        // Act
        var thrown = Record.Exception(() => Future.Wait([pending, done], Patience, ReturnWhen.AllCompleted, Cancelled));
        var first = Future.Wait([pending, done], Patience, ReturnWhen.FirstCompleted, Cancelled);

        // Assert
        Assert.Equal(Cancelled, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal([done], first.Done);
        Assert.Equal(FutureState.Pending, pending.State);
    }

    [Fact]
    public void AsCompleted_CancelledToken_YieldsDoneOnesThenThrows()
    {
        // Arrange
        var pending = new Future<int>();
        var done = new Future<int>();
        done.SetResult(1);
        var yielded = new List<Future<int>>();

        // Act
        var thrown = Record.Exception(() =>
        {
            foreach (var future in Future.AsCompleted([done, pending], Patience, Cancelled))
            {
                yielded.Add(future);
            }
        });

        // Assert
        Assert.Equal([done], yielded);
        Assert.Equal(Cancelled, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal(FutureState.Pending, pending.State);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_CompletedByAnotherThread_Returns()
    {
        // Arrange
        var futures = Enumerable.Range(0, 3).Select(_ => new Future<int>()).ToList();

        // Act
        var waiting = Future.WaitAsync(futures, Patience);
        var beforeCompletion = waiting.IsCompleted;
        _ = Task.Run(() => futures.ForEach(f => f.SetResult(1)));
        var (done, notDone) = await waiting;

        // Assert
        Assert.False(beforeCompletion);
        Assert.Equal(3, done.Count);
        Assert.Empty(notDone);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_FirstException_ReturnsOnTheFailure()
    {
        // Arrange
        var failing = new Future<int>();
        var pending = new Future<int>();

        // Act
        var waiting = Future.WaitAsync([failing, pending], Patience, ReturnWhen.FirstException);
        failing.SetException(new InvalidDataException());
        var (done, notDone) = await waiting;

        // Assert
        Assert.Equal([failing], done);
        Assert.Equal([pending], notDone);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_CancelledToken_ThrowsUnlessAlreadySatisfied()
    {
        // Arrange
        var pending = new Future<int>();
        var done = new Future<int>();
        done.SetResult(1);

        // Act
        var thrown = await Record.ExceptionAsync(() => Future.WaitAsync([pending], Patience, ReturnWhen.AllCompleted, Cancelled));
        var satisfied = await Future.WaitAsync([done], Patience, ReturnWhen.AllCompleted, Cancelled);

        // Assert
        Assert.Equal(Cancelled, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal([done], satisfied.Done);
    }

    [Fact]
    public void WaitAsync_UnknownReturnWhen_ThrowsAtTheCall()
    {
        // Act
        var thrown = Record.Exception(() => { _ = Future.WaitAsync([new Future<int>()], returnWhen: (ReturnWhen)42); });

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(thrown);
    }

    [Fact]
    public void FromTask_Running_UntilTheTaskCompletes_ThenItsResult()
    {
        // Arrange
        var source = new TaskCompletionSource<int>();
        var future = Future.FromTask(source.Task);

        // Act
        var stateBefore = future.State;
        var cancelWhileRunning = future.Cancel();
        source.SetResult(8);

        // Assert
        Assert.Equal(FutureState.Running, stateBefore);
        Assert.False(cancelWhileRunning);
        Assert.Equal(8, future.Result(Patience));
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void FromTask_FaultedTask_FinishesWithItsOwnExceptionUnwrapped()
    {
        // Arrange
        var error = new InvalidDataException("task failed");

        // Act
        var future = Future.FromTask(Task.FromException<int>(error));
        var untyped = Future.FromTask(Task.FromException(error));

        // Assert
        Assert.Same(error, future.Exception(Patience));
        Assert.Same(error, untyped.Exception(Patience));
        Assert.Same(error, Record.Exception(() => future.Result(Patience)));
    }

    [Fact]
    public void FromTask_CancelledTask_IsCancelled()
    {
        // Arrange
        var source = new TaskCompletionSource<int>();
        var future = Future.FromTask(source.Task);
        var untyped = Future.FromTask((Task)source.Task);

        // Act
        source.SetCanceled();

        // Assert
        Assert.True(SpinWait.SpinUntil(() => future.Done && untyped.Done, Patience));
        Assert.True(future.Cancelled);
        Assert.True(untyped.Cancelled);
        Assert.IsType<FutureCancelledException>(Record.Exception(() => future.Result(Patience)));
    }

    [Fact(Timeout = 60_000)]
    public async Task FromTask_NonGeneric_CompletesWithTheTask()
    {
        // Arrange
        var source = new TaskCompletionSource();
        var future = Future.FromTask(source.Task);

        // Act
        source.SetResult();
        await future;

        // Assert
        Assert.Equal(FutureState.Finished, future.State);
        Assert.Null(future.Exception(Patience));
    }

    [Fact]
    public void FromTask_CompletedByHandFirst_KeepsTheHandSetOutcome()
    {
        // Arrange
        var source = new TaskCompletionSource<int>();
        var future = Future.FromTask(source.Task);

        // Act: misuse must not throw when the task completes later.
        future.SetResult(1);
        source.SetResult(2);

        // Assert
        Assert.Equal(1, future.Result(Patience));
    }
}
