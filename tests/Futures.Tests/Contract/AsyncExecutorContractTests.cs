namespace Futures.Tests.Contract;

/// <summary>
/// The version 2 rules every executor shares: work without a result, async work, the executor's token, tokens on every
/// wait, Map over two sources, MapAsync, and misuse that must not stop the pool. Every case submits only
/// <see cref="AsyncJobs"/> and <see cref="Jobs"/> methods with simple arguments and coordinates through files, so that an
/// executor running work in other processes passes the same cases. Subclasses say how to make the executor.
/// </summary>
public abstract class AsyncExecutorContractTests
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected abstract Executor CreateExecutor(int maxWorkers);

    // Cases that queue work behind a busy worker leave room for one item handed to a worker ahead of time (a process
    // pool may mark such an item running); the items after it must still be pending.

    // ---- Work without a result, async work ----

    [Fact]
    public void Submit_Action_FinishesWithoutAResult()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(AsyncJobs.Nothing);

        // Assert
        Assert.Null(future.Exception(Patience));
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void Submit_AsyncWork_CompletesWithTheTasksResult()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act
        var answer = executor.Submit(AsyncJobs.AnswerAsync);
        var square = executor.Submit(AsyncJobs.SquareAsync, 9);
        var nothing = executor.Submit(AsyncJobs.NothingAsync);

        // Assert
        Assert.Equal(42, answer.Result(Patience));
        Assert.Equal(81, square.Result(Patience));
        Assert.Null(nothing.Exception(Patience));
        Assert.Equal(FutureState.Finished, nothing.State);
    }

    [Fact]
    public void Submit_ManyAsyncJobs_EachGetsItsOwnResult()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 3);

        // Act
        var futures = Enumerable.Range(0, 100).Select(i => executor.Submit(AsyncJobs.SquareAsync, i)).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * i), futures.Select(f => f.Result(Patience)));
    }

    [Fact]
    public void Result_AsyncWorkThrows_ThrowsWithTheWorksMessage()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(AsyncJobs.FailAsync, 5);
        var thrown = Record.Exception(() => future.Result(Patience));

        // Assert
        Assert.NotNull(thrown);
        Assert.Contains(Jobs.FailureMessage(5), thrown.Message, StringComparison.Ordinal);
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void AsyncWork_EndsWithOperationCanceled_FinishesWithThatException()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(AsyncJobs.GiveUpAsync);
        var error = future.Exception(Patience);

        // Assert: a started future never becomes Cancelled; the exception is its outcome.
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(FutureState.Finished, future.State);
        Assert.False(future.Cancelled);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_AsyncWork_YieldsResult()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var result = await executor.Submit(AsyncJobs.SquareAsync, 6);

        // Assert
        Assert.Equal(36, result);
    }

    // ---- The executor's token ----

    [Fact]
    public void TokenWork_ShutdownWithCancelFutures_CancelsTheToken()
    {
        // Arrange
        var executor = CreateExecutor(maxWorkers: 2);
        var withResult = executor.Submit(AsyncJobs.UntilCancelledAsync);
        var withoutResult = executor.Submit(AsyncJobs.UntilCancelledNoResultAsync);
        Assert.True(SpinWait.SpinUntil(() => withResult.Running && withoutResult.Running, Patience));

        // Act
        executor.Shutdown(wait: true, cancelFutures: true);

        // Assert: both ended through their token, well before their 30 s, with OperationCanceledException.
        Assert.IsAssignableFrom<OperationCanceledException>(withResult.Exception(Patience));
        Assert.IsAssignableFrom<OperationCanceledException>(withoutResult.Exception(Patience));
        Assert.Equal(FutureState.Finished, withResult.State);
        Assert.Equal(FutureState.Finished, withoutResult.State);
    }

    [Fact]
    public void TokenWork_ShutdownWithoutCancelFutures_LeavesTheTokenAlone()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(AsyncJobs.TokenCancelledAsync);

        // Act
        executor.Shutdown(wait: true);

        // Assert
        Assert.False(future.Result(Patience));
    }

    [Fact]
    public void AsyncWork_HoldsItsWorker_QueuedWorkStaysPendingAndCancellable()
    {
        // Arrange: one worker, held by async work that awaits a release file.
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var holder = executor.Submit(AsyncJobs.WaitForFileAsync, temp.File("release"));
        var ahead = executor.Submit(AsyncJobs.MarkThenWaitAsync, new[] { temp.File("ahead-ran"), "", "1" });
        var queued = executor.Submit(AsyncJobs.MarkThenWaitAsync, new[] { temp.File("queued-ran"), "", "2" });
        Assert.True(SpinWait.SpinUntil(() => holder.Running, Patience));

        // Act
        var state = queued.State;
        var cancelled = queued.Cancel();
        temp.Release("release");

        // Assert
        Assert.Equal(FutureState.Pending, state);
        Assert.True(cancelled);
        Assert.Equal(1, holder.Result(Patience));
        Assert.Equal(1, ahead.Result(Patience));
        executor.Shutdown(wait: true);
        Assert.False(temp.Exists("queued-ran"));
    }

    // ---- Tokens on waits ----

    [Fact]
    public void Result_TokenCancelledWhileWaiting_ThrowsWithThatTokenAndLeavesTheFuture()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        using var cts = new CancellationTokenSource();

        // Act: the token fires from a timer while Result blocks (or before; either way Result must give up).
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var thrown = Record.Exception(() => future.Result(Patience, cts.Token));
        var stateAfter = future.State;
        temp.Release("release");

        // Assert
        var canceled = Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.NotEqual(FutureState.Cancelled, stateAfter);
        Assert.False(future.Cancelled);
        Assert.Equal(1, future.Result(Patience));
    }

    [Fact]
    public void Exception_TokenCancelledWhileWaiting_ThrowsWithThatToken()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        using var cts = new CancellationTokenSource();

        // Act
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var thrown = Record.Exception(() => future.Exception(Patience, cts.Token));
        temp.Release("release");

        // Assert
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Null(future.Exception(Patience));
    }

    [Fact]
    public void Result_DoneFuture_AnswersWhateverTheToken()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.Answer);
        Assert.Equal(42, future.Result(Patience));

        // Act
        var result = future.Result(Patience, new CancellationToken(canceled: true));
        var error = future.Exception(Patience, new CancellationToken(canceled: true));

        // Assert
        Assert.Equal(42, result);
        Assert.Null(error);
    }

    [Fact]
    public void Wait_TokenCancelledWhileWaiting_ThrowsWithThatTokenAndLeavesTheFutures()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var queued = executor.Submit(Jobs.Square, 3);
        using var cts = new CancellationTokenSource();

        // Act
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var thrown = Record.Exception(() => Future.Wait([slow, queued], Patience, ReturnWhen.AllCompleted, cts.Token));
        temp.Release("release");

        // Assert
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal(1, slow.Result(Patience));
        Assert.Equal(9, queued.Result(Patience));
    }

    [Fact]
    public void Wait_AlreadySatisfied_AnswersWhateverTheToken()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.Answer);
        future.Result(Patience);

        // Act
        var (done, notDone) = Future.Wait([future], Patience, ReturnWhen.AllCompleted, new CancellationToken(canceled: true));

        // Assert
        Assert.Single(done);
        Assert.Empty(notDone);
    }

    [Fact]
    public void AsCompleted_TokenCancelledWhileWaiting_YieldsTheDoneOnesThenThrows()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var done = executor.Submit(Jobs.Answer);
        done.Result(Patience);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        using var cts = new CancellationTokenSource();
        var yielded = new List<Future<int>>();

        // Act
        var thrown = Record.Exception(() =>
        {
            foreach (var future in Future.AsCompleted([done, slow], Patience, cts.Token))
            {
                yielded.Add(future);
                cts.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
        });
        temp.Release("release");

        // Assert
        Assert.Equal([done], yielded);
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.Equal(1, slow.Result(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_AllCompleted_ReturnsAllDone()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 2);
        var futures = Enumerable.Range(0, 5).Select(i => executor.Submit(AsyncJobs.SquareAsync, i)).ToList();

        // Act
        var (done, notDone) = await Future.WaitAsync(futures, Patience);

        // Assert
        Assert.Equal(5, done.Count);
        Assert.Empty(notDone);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_FirstCompleted_ReturnsWhileOthersRun()
    {
        // Arrange
        using var temp = new TempDirectory();
        await using var executor = CreateExecutor(maxWorkers: 2);
        var slow = executor.Submit(AsyncJobs.WaitForFileAsync, temp.File("release"));
        var fast = executor.Submit(AsyncJobs.AnswerAsync);

        // Act
        var (done, notDone) = await Future.WaitAsync<Future<int>>([slow, fast], Patience, ReturnWhen.FirstCompleted);
        temp.Release("release");

        // Assert
        Assert.Contains(fast, done);
        Assert.Contains(slow, notDone);
        Assert.Equal(1, await slow);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_Timeout_ReturnsNotDone()
    {
        // Arrange
        using var temp = new TempDirectory();
        await using var executor = CreateExecutor(maxWorkers: 1);
        var slow = executor.Submit(AsyncJobs.WaitForFileAsync, temp.File("release"));

        // Act
        var (done, notDone) = await Future.WaitAsync([slow], TimeSpan.FromMilliseconds(50));
        temp.Release("release");

        // Assert
        Assert.Empty(done);
        Assert.Equal([slow], notDone);
        Assert.Equal(1, await slow);
    }

    [Fact(Timeout = 60_000)]
    public async Task WaitAsync_TokenCancelled_ThrowsWithThatTokenAndLeavesTheFutures()
    {
        // Arrange
        using var temp = new TempDirectory();
        await using var executor = CreateExecutor(maxWorkers: 1);
        var slow = executor.Submit(AsyncJobs.WaitForFileAsync, temp.File("release"));
        using var cts = new CancellationTokenSource();

        // Act
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var thrown = await Record.ExceptionAsync(() => Future.WaitAsync([slow], Patience, ReturnWhen.AllCompleted, cts.Token));
        var cancelledFuture = slow.Cancelled;
        temp.Release("release");

        // Assert
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.False(cancelledFuture);
        Assert.Equal(1, await slow);
    }

    [Fact]
    public void FromTask_StandsBesideExecutorFutures_InWaitAndAsCompleted()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Future<int> fromTask = Future.FromTask(source.Task);
        var submitted = executor.Submit(Jobs.Square, 4);
        submitted.Result(Patience);

        // Act: the task completes only after AsCompleted has handed back the executor's future, so the order is fixed
        // (completing it first would make both "already done", yielded in input order).
        var first = Future.Wait([fromTask, submitted], Patience, ReturnWhen.FirstCompleted);
        using var completed = Future.AsCompleted([fromTask, submitted], Patience).GetEnumerator();
        var gotFirst = completed.MoveNext();
        var firstDone = completed.Current;
        source.SetResult(7);
        var gotSecond = completed.MoveNext();
        var secondDone = completed.Current;
        var gotMore = completed.MoveNext();

        // Assert
        Assert.Equal([submitted], first.Done);
        Assert.True(gotFirst);
        Assert.Same(submitted, firstDone);
        Assert.True(gotSecond);
        Assert.Same(fromTask, secondDone);
        Assert.False(gotMore);
        Assert.Equal(7, fromTask.Result(Patience));
    }

    // ---- Map with a token, over two sources, MapAsync ----

    [Fact]
    public void Map_TokenCancelled_CancelsWhatHasNotStartedAtOnceAndEndsTheEnumeration()
    {
        // Arrange: one worker held by the first item; the rest queued behind it.
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        using var cts = new CancellationTokenSource();
        var items = MarkerItems(temp, count: 6, waitingItem: 0);
        var results = executor.Map(Jobs.MarkThenWait, items, Patience, cancellationToken: cts.Token);

        // Act: cancel before reading anything; the registration cancels the queued items now, not at MoveNext.
        cts.Cancel();
        temp.Release("release");
        executor.Shutdown(wait: true);
        var thrown = Record.Exception(() => results.ToList());

        // Assert: at most the running item and one handed ahead ran.
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.True(temp.Exists("ran-0"));
        Assert.All(Enumerable.Range(2, 4), i => Assert.False(temp.Exists($"ran-{i}")));
    }

    [Fact]
    public void Map_TokenCancelledMidway_ThrowsAfterTheResultsTaken()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        using var cts = new CancellationTokenSource();
        var taken = new List<int>();

        // Act
        var thrown = Record.Exception(() =>
        {
            foreach (var square in executor.Map(Jobs.Square, Enumerable.Range(0, 50), Patience, bufferSize: 4, cancellationToken: cts.Token))
            {
                taken.Add(square);
                if (taken.Count == 3)
                {
                    cts.Cancel();
                }
            }
        });

        // Assert
        Assert.Equal([0, 1, 4], taken);
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Map_TwoSources_ZipsAndStopsAtTheShorter(int chunkSize)
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act
        var sums = executor.Map(AsyncJobs.Add, [1, 2, 3, 4, 5], [10, 20, 30], Patience, chunkSize).ToList();

        // Assert
        Assert.Equal([11, 22, 33], sums);
    }

    [Fact]
    public void Map_TwoSources_BufferSizeBoundsTheLookAhead()
    {
        // Arrange: the second source counts how far it was read.
        using var executor = CreateExecutor(maxWorkers: 2);
        var read = 0;
        IEnumerable<int> Counted()
        {
            for (var i = 0; i < 100; i++)
            {
                read++;
                yield return i;
            }
        }

        // Act
        var results = executor.Map(AsyncJobs.Add, Enumerable.Range(0, 100), Counted(), Patience, bufferSize: 2);
        var readAtCall = read;
        var all = results.ToList();

        // Assert
        Assert.Equal(2, readAtCall);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2 * i), all);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_SyncWork_ResultsInSourceOrder()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 3);
        var results = new List<int>();

        // Act
        await foreach (var square in executor.MapAsync(Jobs.Square, Enumerable.Range(0, 40)))
        {
            results.Add(square);
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_AsyncWork_ResultsInSourceOrder()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 3);
        var results = new List<int>();

        // Act
        await foreach (var square in executor.MapAsync(AsyncJobs.SquareWithTokenAsync, Enumerable.Range(0, 40), bufferSize: 5))
        {
            results.Add(square);
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_ItemThrows_SurfacesAtThatItem()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 2);
        var results = new List<int>();

        // Act
        var thrown = await Record.ExceptionAsync(async () =>
        {
            await foreach (var square in executor.MapAsync(Jobs.FailOn, Enumerable.Range(0, 10)))
            {
                results.Add(square);
            }
        });

        // Assert
        Assert.Equal([0, 1, 4], results);
        Assert.Contains(Jobs.FailureMessage(Jobs.FailingItem), thrown!.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_BufferSize_SubmitsAtMostThatManyAhead()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 2);
        var read = 0;
        IEnumerable<int> Counted()
        {
            for (var i = 0; i < 20; i++)
            {
                read++;
                yield return i;
            }
        }

        // Act
        var results = executor.MapAsync(Jobs.Square, Counted(), bufferSize: 3);
        var readAtCall = read;
        var all = new List<int>();
        await foreach (var square in results)
        {
            all.Add(square);
        }

        // Assert
        Assert.Equal(3, readAtCall);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), all);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_LeftEarly_CancelsWhatHasNotStarted()
    {
        // Arrange
        using var temp = new TempDirectory();
        var executor = CreateExecutor(maxWorkers: 1);
        var items = MarkerItems(temp, count: 6, waitingItem: 1);

        // Act: take the first result, then leave while item 1 holds the only worker.
        await foreach (var first in executor.MapAsync(Jobs.MarkThenWait, items))
        {
            Assert.Equal(0, first);
            break;
        }

        temp.Release("release");
        await executor.ShutdownAsync();

        // Assert: items after the running one and the one handed ahead never ran.
        Assert.All(Enumerable.Range(3, 3), i => Assert.False(temp.Exists($"ran-{i}")));
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_TokenCancelled_CancelsPendingAndThrowsWithThatToken()
    {
        // Arrange
        using var temp = new TempDirectory();
        var executor = CreateExecutor(maxWorkers: 1);
        using var cts = new CancellationTokenSource();
        var items = MarkerItems(temp, count: 6, waitingItem: 0);
        var results = executor.MapAsync(Jobs.MarkThenWait, items, cancellationToken: cts.Token);

        // Act
        await cts.CancelAsync();
        temp.Release("release");
        await executor.ShutdownAsync();
        var thrown = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in results)
            {
            }
        });

        // Assert
        Assert.Equal(cts.Token, Assert.IsAssignableFrom<OperationCanceledException>(thrown).CancellationToken);
        Assert.All(Enumerable.Range(2, 4), i => Assert.False(temp.Exists($"ran-{i}")));
    }

    // ---- Misuse never stops the pool ----

    [Fact]
    public void QueuedFutureCompletedByHand_IsSkipped_AndThePoolGoesOn()
    {
        // Arrange: the only worker busy, two items queued behind it (one may be handed ahead).
        using var temp = new TempDirectory();
        var executor = CreateExecutor(maxWorkers: 1);
        var busy = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var ahead = executor.Submit(Jobs.Square, 2);
        var misused = executor.Submit(Jobs.MarkThenWait, new[] { temp.File("misused-ran"), "", "7" });
        var after = executor.Submit(Jobs.Square, 5);

        // Act: the case, which ended the process with an InvalidFutureStateException on the worker.
        var setByHand = misused.TrySetResult(99);
        temp.Release("release");

        // Assert
        Assert.True(setByHand);
        Assert.Equal(1, busy.Result(Patience));
        Assert.Equal(4, ahead.Result(Patience));
        Assert.Equal(25, after.Result(Patience));
        Assert.Equal(99, misused.Result(Patience));
        Assert.True(ShutsDownWithin(executor, Patience));
        Assert.False(temp.Exists("misused-ran"));
    }

    [Fact]
    public void QueuedFutureStartedOrFailedByHand_IsSkipped_AndThePoolGoesOn()
    {
        // Arrange
        using var temp = new TempDirectory();
        var executor = CreateExecutor(maxWorkers: 1);
        var busy = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var ahead = executor.Submit(Jobs.Square, 2);
        var started = executor.Submit(Jobs.MarkThenWait, new[] { temp.File("started-ran"), "", "1" });
        var failed = executor.Submit(Jobs.MarkThenWait, new[] { temp.File("failed-ran"), "", "2" });
        var after = executor.Submit(AsyncJobs.SquareAsync, 5);

        // Act
        var startedByHand = started.SetRunningOrNotifyCancel();
        failed.SetException(new InvalidDataException("set by hand"));
        temp.Release("release");

        // Assert
        Assert.True(startedByHand);
        Assert.Equal(1, busy.Result(Patience));
        Assert.Equal(4, ahead.Result(Patience));
        Assert.Equal(25, after.Result(Patience));
        Assert.IsType<InvalidDataException>(failed.Exception(Patience));
        Assert.Equal(FutureState.Running, started.State);
        started.SetResult(1); // Whoever started it by hand completes it.
        Assert.True(ShutsDownWithin(executor, Patience));
        Assert.False(temp.Exists("started-ran"));
        Assert.False(temp.Exists("failed-ran"));
    }

    [Fact]
    public void ThrowingDoneCallbacks_DoNotStopThePool()
    {
        // Arrange
        var executor = CreateExecutor(maxWorkers: 1);
        var first = executor.Submit(Jobs.Square, 3);
        first.AddDoneCallback(_ => throw new InvalidDataException("callback failed"));
        var asyncFirst = executor.Submit(AsyncJobs.SquareAsync, 4);
        asyncFirst.AddDoneCallback(_ => throw new InvalidDataException("callback failed"));

        // Act
        var later = executor.Submit(AsyncJobs.SquareAsync, 6);

        // Assert
        Assert.Equal(9, first.Result(Patience));
        Assert.Equal(16, asyncFirst.Result(Patience));
        Assert.Equal(36, later.Result(Patience));
        Assert.True(ShutsDownWithin(executor, Patience));
    }

    /// <summary>
    /// Arguments for <see cref="Jobs.MarkThenWait"/>: item i leaves the marker <c>ran-i</c>; item
    /// <paramref name="waitingItem"/> then waits for the file <c>release</c>.
    /// </summary>
    protected static List<string[]> MarkerItems(TempDirectory temp, int count, int waitingItem) =>
        [.. Enumerable.Range(0, count).Select(i => new[] { temp.File($"ran-{i}"), i == waitingItem ? temp.File("release") : "", $"{i}" })];

    /// <summary>Shutdown(wait: true) on another thread, bounded: false if it hangs (a wedged pool).</summary>
    protected static bool ShutsDownWithin(Executor executor, TimeSpan timeout) =>
        Task.Run(() => executor.Shutdown(wait: true)).Wait(timeout);
}
