namespace Futures.Tests.Contract;

/// <summary>
/// Behaviour every executor shares (Python's concurrent.futures semantics). Subclasses say how to make the executor.
/// Every case submits only <see cref="Jobs"/> methods with simple arguments and coordinates through files, so an
/// executor that runs work in other processes passes the same cases.
/// </summary>
public abstract class ExecutorContractTests
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected abstract Executor CreateExecutor(int maxWorkers);

    // Cases that queue work behind a busy worker leave room for one item handed to a worker ahead of time (Python's
    // process pool marks such an item running, so it can no longer be cancelled); the items after it must be.

    // ---- Submit and results ----

    [Fact]
    public void Submit_Parameterless_ReturnsResult()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act
        var future = executor.Submit(Jobs.Answer);

        // Assert
        Assert.Equal(42, future.Result(Patience));
        Assert.Equal(FutureState.Finished, future.State);
        Assert.Null(future.Exception(Patience));
    }

    [Fact]
    public void Submit_WithArguments_ReturnsResults()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act
        var square = executor.Submit(Jobs.Square, 7);
        var sum = executor.Submit(Jobs.SumTo, 100_000L);
        var shout = executor.Submit(Jobs.Shout, "hi");
        var reversed = executor.Submit(Jobs.Reversed, new[] { 1, 2, 3 });
        var length = executor.Submit(Jobs.Length, new[] { "a", "b" });

        // Assert
        Assert.Equal(49, square.Result(Patience));
        Assert.Equal(5_000_050_000L, sum.Result(Patience));
        Assert.Equal("HI!", shout.Result(Patience));
        Assert.Equal([3, 2, 1], reversed.Result(Patience));
        Assert.Equal(2, length.Result(Patience));
    }

    [Fact]
    public void Submit_ManyJobs_EachGetsItsOwnResult()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 3);

        // Act
        var futures = Enumerable.Range(0, 200).Select(i => executor.Submit(Jobs.Square, i)).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * i), futures.Select(f => f.Result(Patience)));
    }

    [Fact]
    public void Result_JobThrows_ThrowsWithTheJobsMessage()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(Jobs.Fail, 5);
        var thrown = Record.Exception(() => future.Result(Patience));

        // Assert
        Assert.NotNull(thrown);
        Assert.Contains(Jobs.FailureMessage(5), thrown.Message, StringComparison.Ordinal);
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void Exception_JobThrows_ReturnsItWithoutThrowing()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.Fail, 6);

        // Act
        var exception = future.Exception(Patience);

        // Assert
        Assert.NotNull(exception);
        Assert.Contains(Jobs.FailureMessage(6), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_NotDoneWithinTimeout_ThrowsTimeoutException()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.WaitForFile, temp.File("release"));

        // Act
        var thrown = Record.Exception(() => future.Result(TimeSpan.FromMilliseconds(50)));
        var exceptionThrown = Record.Exception(() => future.Exception(TimeSpan.FromMilliseconds(10)));
        temp.Release("release");

        // Assert
        Assert.IsType<TimeoutException>(thrown);
        Assert.IsType<TimeoutException>(exceptionThrown);
        Assert.Equal(1, future.Result(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_Future_YieldsResult()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var result = await executor.Submit(Jobs.Square, 9);

        // Assert
        Assert.Equal(81, result);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_FailingFuture_Throws()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var thrown = await Record.ExceptionAsync(async () => await executor.Submit(Jobs.Fail, 8));

        // Assert
        Assert.NotNull(thrown);
        Assert.Contains(Jobs.FailureMessage(8), thrown.Message, StringComparison.Ordinal);
    }

    // ---- Cancel ----

    [Fact]
    public void Cancel_Queued_ReturnsTrueAndNeverRuns()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var blocker = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var aheadOfTime = executor.Submit(Jobs.Answer);
        var queued = executor.Submit(Jobs.MarkThenWait, new[] { temp.File("queued-ran"), "", "1" });

        // Act
        var cancelled = queued.Cancel();
        temp.Release("release");
        blocker.Result(Patience);
        executor.Shutdown(wait: true);

        // Assert
        Assert.True(cancelled);
        Assert.True(queued.Cancelled);
        Assert.True(queued.Done);
        Assert.Equal(FutureState.Cancelled, queued.State);
        Assert.False(temp.Exists("queued-ran"));
        Assert.IsAssignableFrom<OperationCanceledException>(Record.Exception(() => queued.Result(Patience)));
        Assert.IsAssignableFrom<OperationCanceledException>(Record.Exception(() => queued.Exception(Patience)));
        Assert.Equal(42, aheadOfTime.Result(Patience));
    }

    [Fact]
    public void Cancel_Running_ReturnsFalse()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var running = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The job never started.");

        // Act
        var cancelled = running.Cancel();
        temp.Release("release");

        // Assert
        Assert.False(cancelled);
        Assert.Equal(1, running.Result(Patience));
        Assert.False(running.Cancelled);
    }

    [Fact]
    public void Cancel_Finished_ReturnsFalse()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        var future = executor.Submit(Jobs.Answer);
        future.Result(Patience);

        // Act
        var cancelled = future.Cancel();

        // Assert
        Assert.False(cancelled);
        Assert.Equal(FutureState.Finished, future.State);
        Assert.Equal(42, future.Result(Patience));
    }

    // ---- Shutdown and Dispose ----

    [Fact]
    public void Submit_AfterShutdown_ThrowsInvalidOperation()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        executor.Shutdown();

        // Act
        var thrown = Record.Exception(() => executor.Submit(Jobs.Answer));

        // Assert
        Assert.IsAssignableFrom<InvalidOperationException>(thrown);
    }

    [Fact]
    public void Shutdown_CalledTwice_IsIdempotent()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var future = executor.Submit(Jobs.Answer);

        // Act
        executor.Shutdown(wait: true);
        executor.Shutdown(wait: true);
        executor.Shutdown(wait: false, cancelFutures: true);

        // Assert
        Assert.Equal(42, future.Result(Patience));
    }

    [Fact]
    public void Shutdown_Wait_FinishesQueuedWorkFirst()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var futures = Enumerable.Range(0, 20).Select(i => executor.Submit(Jobs.Square, i)).ToList();

        // Act
        executor.Shutdown(wait: true);

        // Assert
        Assert.All(futures, f => Assert.Equal(FutureState.Finished, f.State));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), futures.Select(f => f.Result(TimeSpan.Zero)));
    }

    [Fact]
    public void Shutdown_CancelFutures_CancelsQueuedWorkOnly()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var running = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The job never started.");
        var queued = Enumerable.Range(0, 5)
            .Select(i => executor.Submit(Jobs.MarkThenWait, new[] { temp.File($"ran-{i}"), "", $"{i}" }))
            .ToList();

        // Act
        executor.Shutdown(wait: false, cancelFutures: true);
        temp.Release("release");
        executor.Shutdown(wait: true);

        // Assert: a cancelled item never ran; only the first may have been handed out ahead of time.
        Assert.Equal(1, running.Result(Patience));
        Assert.All(queued.Skip(1), f => Assert.True(f.Cancelled));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(!queued[i].Cancelled, temp.Exists($"ran-{i}")));
    }

    [Fact]
    public void Dispose_WaitsForRunningWork()
    {
        // Arrange
        var executor = CreateExecutor(maxWorkers: 2);
        var future = executor.Submit(Jobs.SleepMilliseconds, 200);

        // Act
        executor.Dispose();

        // Assert
        Assert.True(future.Done);
        Assert.Equal(200, future.Result(TimeSpan.Zero));
    }

    [Fact(Timeout = 60_000)]
    public async Task DisposeAsync_WaitsForRunningWork()
    {
        // Arrange
        var executor = CreateExecutor(maxWorkers: 2);
        var future = executor.Submit(Jobs.SleepMilliseconds, 200);

        // Act
        await executor.DisposeAsync();

        // Assert
        Assert.True(future.Done);
        Assert.Throws<InvalidOperationException>(() => executor.Submit(Jobs.Answer));
    }

    [Fact(Timeout = 60_000)]
    public async Task ShutdownAsync_CancelFutures_CancelsQueuedAndCompletes()
    {
        // Arrange
        using var temp = new TempDirectory();
        var executor = CreateExecutor(maxWorkers: 1);
        var running = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The job never started.");
        var queued = executor.Submit(Jobs.Answer);

        // Act
        var shutdown = executor.ShutdownAsync(cancelFutures: true);
        temp.Release("release");
        await shutdown.WaitAsync(Patience);

        // Assert
        Assert.True(queued.Cancelled);
        Assert.Equal(1, running.Result(TimeSpan.Zero));
    }

    // ---- Wait ----

    [Fact]
    public void Wait_AllCompleted_ReturnsAllDone()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var futures = Enumerable.Range(0, 10).Select(i => executor.Submit(Jobs.Square, i)).ToList();

        // Act
        var (done, notDone) = Future.Wait(futures, Patience);

        // Assert
        Assert.Equal(10, done.Count);
        Assert.Empty(notDone);
    }

    [Fact]
    public void Wait_FirstCompleted_ReturnsWhileOthersRun()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 2);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var quick = executor.Submit(Jobs.Answer);

        // Act
        var (done, notDone) = Future.Wait([slow, quick], Patience, ReturnWhen.FirstCompleted);
        temp.Release("release");

        // Assert
        Assert.Contains(quick, done);
        Assert.Contains(slow, notDone);
    }

    [Fact]
    public void Wait_FirstException_ReturnsOnTheFailure()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 2);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var failing = executor.Submit(Jobs.Fail, 1);

        // Act
        var (done, notDone) = Future.Wait([slow, failing], Patience, ReturnWhen.FirstException);
        temp.Release("release");

        // Assert
        Assert.Equal([failing], done);
        Assert.Equal([slow], notDone);
    }

    [Fact]
    public void Wait_Timeout_ReturnsNotDone()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));

        // Act
        var (done, notDone) = Future.Wait([slow], TimeSpan.FromMilliseconds(50));
        temp.Release("release");

        // Assert
        Assert.Empty(done);
        Assert.Equal([slow], notDone);
    }

    // ---- AsCompleted ----

    [Fact]
    public void AsCompleted_DoneFirstThenInCompletionOrder()
    {
        // Arrange: one worker, so the queued job finishes after the one holding the worker.
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var early = executor.Submit(Jobs.Answer);
        early.Result(Patience);
        var first = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        var second = executor.Submit(Jobs.Square, 3);

        // Act
        var order = new List<Future>();
        foreach (var future in Future.AsCompleted([second, first, early], Patience))
        {
            order.Add(future);
            if (order.Count == 1)
            {
                temp.Release("release");
            }
        }

        // Assert
        Assert.Equal<Future>([early, first, second], order);
    }

    [Fact]
    public void AsCompleted_Duplicates_YieldsEachOnce()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var a = executor.Submit(Jobs.Square, 2);
        var b = executor.Submit(Jobs.Square, 3);

        // Act
        var yielded = Future.AsCompleted([a, b, a, a, b], Patience).ToList();

        // Assert
        Assert.Equal(2, yielded.Count);
        Assert.Equal(2, yielded.Distinct().Count());
    }

    [Fact]
    public void AsCompleted_NextIsLate_ThrowsTimeoutException()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 2);
        var quick = executor.Submit(Jobs.Answer);
        quick.Result(Patience);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));

        // Act
        var yielded = new List<Future>();
        var thrown = Record.Exception(() =>
        {
            foreach (var future in Future.AsCompleted([quick, slow], TimeSpan.FromMilliseconds(100)))
            {
                yielded.Add(future);
            }
        });
        temp.Release("release");

        // Assert
        Assert.IsType<TimeoutException>(thrown);
        Assert.Equal<Future>([quick], yielded);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsCompletedAsync_YieldsAllThenStops()
    {
        // Arrange
        await using var executor = CreateExecutor(maxWorkers: 2);
        var futures = Enumerable.Range(0, 5).Select(i => executor.Submit(Jobs.Square, i)).ToList();

        // Act
        var yielded = new List<Future<int>>();
        await foreach (var future in Future.AsCompletedAsync(futures))
        {
            yielded.Add(future);
        }

        // Assert
        Assert.Equal(futures.ToHashSet(), yielded.ToHashSet());
        Assert.Equal(5, yielded.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsCompletedAsync_Cancelled_ThrowsOperationCanceled()
    {
        // Arrange
        using var temp = new TempDirectory();
        await using var executor = CreateExecutor(maxWorkers: 1);
        var slow = executor.Submit(Jobs.WaitForFile, temp.File("release"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // Act
        var thrown = await Record.ExceptionAsync(async () =>
        {
            await foreach (var future in Future.AsCompletedAsync([slow], cts.Token))
            {
                Assert.Fail($"Nothing should be yielded, got {future}.");
            }
        });
        temp.Release("release");

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }

    // ---- Map ----

    [Fact]
    public void Map_ResultsInSourceOrder()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 3);

        // Act
        var results = executor.Map(Jobs.Square, Enumerable.Range(0, 50), Patience).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * i), results);
    }

    [Fact]
    public void Map_CallReturnsBeforeResultsAreReady()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act: every item blocks until released, so the call must not wait for any of them.
        var results = executor.Map(Jobs.WaitForFile, Enumerable.Repeat(temp.File("release"), 3), Patience);
        temp.Release("release");

        // Assert
        Assert.Equal([1, 1, 1], results.ToList());
    }

    [Fact]
    public void Map_ItemThrows_SurfacesAtThatItem()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var seen = new List<int>();

        // Act
        var thrown = Record.Exception(() =>
        {
            foreach (var result in executor.Map(Jobs.FailOn, Enumerable.Range(0, 10), Patience))
            {
                seen.Add(result);
            }
        });

        // Assert
        Assert.Equal([0, 1, 4], seen);
        Assert.NotNull(thrown);
        Assert.Contains(Jobs.FailureMessage(Jobs.FailingItem), thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(100)]
    public void Map_ChunkSize_KeepsOrder(int chunkSize)
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);

        // Act
        var results = executor.Map(Jobs.Square, Enumerable.Range(0, 31), Patience, chunkSize).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 31).Select(i => i * i), results);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Map_ChunkSizeItemThrows_SurfacesAtThatItem(int chunkSize)
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var seen = new List<int>();

        // Act
        var thrown = Record.Exception(() =>
        {
            foreach (var result in executor.Map(Jobs.FailOn, Enumerable.Range(0, 10), Patience, chunkSize))
            {
                seen.Add(result);
            }
        });

        // Assert
        Assert.Equal([0, 1, 4], seen);
        Assert.NotNull(thrown);
        Assert.Contains(Jobs.FailureMessage(Jobs.FailingItem), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ResultLate_ThrowsTimeoutException()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var thrown = Record.Exception(() =>
            executor.Map(Jobs.WaitForFile, [temp.File("release")], TimeSpan.FromMilliseconds(100)).ToList());
        temp.Release("release");

        // Assert
        Assert.IsType<TimeoutException>(thrown);
    }

    [Fact]
    public void Map_StoppedEarly_CancelsItemsNotStarted()
    {
        // Arrange: one worker; item 0 waits for "go", later items wait for "end", so at most item 1 can have started
        // (and item 2 been handed out ahead of time).
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var items = Enumerable.Range(0, 6)
            .Select(i => new[] { temp.File($"ran-{i}"), temp.File(i == 0 ? "go" : "end"), $"{i}" })
            .ToList();

        // Act
        using (var results = executor.Map(Jobs.MarkThenWait, items, Patience).GetEnumerator())
        {
            temp.Release("go");
            Assert.True(results.MoveNext());
            Assert.Equal(0, results.Current);
        }

        temp.Release("end");
        executor.Shutdown(wait: true);

        // Assert
        Assert.True(temp.Exists("ran-0"));
        Assert.All(Enumerable.Range(3, 3), i => Assert.False(temp.Exists($"ran-{i}"), $"Item {i} ran after the break."));
    }

    [Fact]
    public void Map_ItemFails_CancelsItemsNotStarted()
    {
        // Arrange: one worker; item 0 fails at once, item 1 holds the worker until "end" (item 2 may be handed out ahead).
        using var temp = new TempDirectory();
        using var executor = CreateExecutor(maxWorkers: 1);
        var items = Enumerable.Range(0, 6)
            .Select(i => new[] { temp.File($"ran-{i}"), i == 0 ? "" : temp.File("end"), i == 0 ? "not a number" : $"{i}" })
            .ToList();

        // Act
        var thrown = Record.Exception(() => executor.Map(Jobs.MarkThenWait, items, Patience).ToList());
        temp.Release("end");
        executor.Shutdown(wait: true);

        // Assert
        Assert.NotNull(thrown);
        Assert.All(Enumerable.Range(3, 3), i => Assert.False(temp.Exists($"ran-{i}"), $"Item {i} ran after the failure."));
    }

    [Fact]
    public void Map_NoBufferSize_SubmitsEverythingAtTheCall()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var source = new CountingSource(10);

        // Act
        var results = executor.Map(Jobs.Square, source, Patience);
        var pulledAtCall = source.Pulled;

        // Assert
        Assert.Equal(10, pulledAtCall);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * i), results.ToList());
    }

    [Fact]
    public void Map_BufferSize2_SubmitsAtMostTwoAhead()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var source = new CountingSource(10);

        // Act
        var pulled = new List<int>();
        var results = executor.Map(Jobs.Square, source, Patience, bufferSize: 2);
        pulled.Add(source.Pulled);
        var collected = new List<int>();
        foreach (var result in results)
        {
            collected.Add(result);
            pulled.Add(source.Pulled);
        }

        // Assert: as Python 3.14, two at the call, then one more before each result is waited for.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * i), collected);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10], pulled);
    }

    [Fact]
    public void Map_BufferSizeWithChunks_CountsChunks()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 2);
        var source = new CountingSource(20);

        // Act
        var results = executor.Map(Jobs.Square, source, Patience, chunkSize: 3, bufferSize: 2);
        var pulledAtCall = source.Pulled;
        var collected = results.ToList();

        // Assert
        Assert.Equal(6, pulledAtCall);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), collected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Map_BufferSizeNotPositive_ThrowsArgumentException(int bufferSize)
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var thrown = Record.Exception(() => executor.Map(Jobs.Square, [1, 2], bufferSize: bufferSize));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(thrown);
    }

    [Fact]
    public void Map_ChunkSizeNotPositive_ThrowsArgumentException()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);

        // Act
        var thrown = Record.Exception(() => executor.Map(Jobs.Square, [1, 2], chunkSize: 0));

        // Assert
        Assert.IsAssignableFrom<ArgumentException>(thrown);
    }

    [Fact]
    public void Map_AfterShutdown_ThrowsInvalidOperation()
    {
        // Arrange
        using var executor = CreateExecutor(maxWorkers: 1);
        executor.Shutdown();

        // Act
        var thrown = Record.Exception(() => executor.Map(Jobs.Square, [1, 2]));

        // Assert
        Assert.IsAssignableFrom<InvalidOperationException>(thrown);
    }

    /// <summary>0, 1, 2, ... counting how many items the consumer has pulled (in the test's own process).</summary>
    protected sealed class CountingSource(int count) : IEnumerable<int>
    {
        private int _pulled;

        public int Pulled => Volatile.Read(ref _pulled);

        public IEnumerator<int> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _pulled);
                yield return i;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
