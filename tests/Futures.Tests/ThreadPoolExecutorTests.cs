using System.Runtime.CompilerServices;
using Futures.Tests.Contract;

namespace Futures.Tests;

/// <summary>The executor contract on <see cref="ThreadPoolExecutor"/>, plus what only a pool of threads in this process can show.</summary>
public class ThreadPoolExecutorTests : ExecutorContractTests
{
    protected override Executor CreateExecutor(int maxWorkers) => new ThreadPoolExecutor(maxWorkers);

    [Fact]
    public void MaxWorkers_Default_IsProcessorCountPlusFourAtMost32()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor();

        // Act
        var maxWorkers = executor.MaxWorkers;

        // Assert
        Assert.Equal(Math.Min(32, Environment.ProcessorCount + 4), maxWorkers);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_MaxWorkersNotPositive_ThrowsArgumentOutOfRange(int maxWorkers)
    {
        // Act
        var thrown = Record.Exception(() => new ThreadPoolExecutor(maxWorkers));

        // Assert
        var argument = Assert.IsType<ArgumentOutOfRangeException>(thrown);
        Assert.Equal("maxWorkers", argument.ParamName);
    }

    [Fact]
    public void ThreadCount_BeforeAnySubmit_IsZero()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(4);

        // Act
        var count = executor.ThreadCount;

        // Assert
        Assert.Equal(0, count);
    }

    [Fact]
    public void Submit_AfterResultWasRead_ReusesTheIdleWorker()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(8);

        // Act: Python's test_idle_thread_reuse, repeated so that a lost race would show.
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(i * i, executor.Submit(Jobs.Square, i).Result(Patience));
        }

        // Assert
        Assert.Equal(1, executor.ThreadCount);
    }

    [Fact]
    public void Submit_ManyBlockingJobs_StartsNoMoreThanMaxWorkers()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(3);
        using var release = new ManualResetEventSlim();
        using var started = new CountdownEvent(3);

        // Act
        var futures = Enumerable.Range(0, 10).Select(_ => executor.Submit(() =>
        {
            if (!started.IsSet)
            {
                started.Signal();
            }

            return release.Wait(Patience);
        })).ToList();
        var allStarted = started.Wait(Patience);
        var count = executor.ThreadCount;
        release.Set();

        // Assert
        Assert.True(allStarted);
        Assert.Equal(3, count);
        Assert.All(futures, f => Assert.True(f.Result(Patience)));
        Assert.Equal(3, executor.ThreadCount);
    }

    [Fact]
    public void Submit_WhileAWorkerIsIdle_DoesNotStartAnother()
    {
        // Arrange: two workers exist; one is busy, the other idle.
        using var executor = new ThreadPoolExecutor(4);
        using var release = new ManualResetEventSlim();
        using var bothRunning = new Barrier(3);
        var a = executor.Submit(() => { bothRunning.SignalAndWait(Patience); return release.Wait(Patience); });
        var b = executor.Submit(() => { bothRunning.SignalAndWait(Patience); return 2; });
        Assert.True(bothRunning.SignalAndWait(Patience));
        b.Result(Patience);

        // Act
        var c = executor.Submit(() => 3);
        var cResult = c.Result(Patience);
        release.Set();

        // Assert
        Assert.Equal(3, cResult);
        Assert.True(a.Result(Patience));
        Assert.Equal(2, executor.ThreadCount);
    }

    [Fact]
    public void Workers_Names_CarryThePrefix()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(2, threadNamePrefix: "dl");
        using var bothRunning = new Barrier(2);

        // Act
        var names = Enumerable.Range(0, 2)
            .Select(_ => executor.Submit(() => { bothRunning.SignalAndWait(Patience); return Thread.CurrentThread.Name; }))
            .ToList()
            .Select(f => f.Result(Patience))
            .Order(StringComparer.Ordinal)
            .ToList();

        // Assert
        Assert.Equal(["dl_0", "dl_1"], names);
    }

    [Fact]
    public void Workers_DefaultPrefix_NamesThePool()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(1);

        // Act
        var name = executor.Submit(() => Thread.CurrentThread.Name).Result(Patience);

        // Assert
        Assert.Matches(@"^ThreadPoolExecutor-\d+_0$", name);
    }

    [Fact]
    public void Workers_AreBackgroundThreadsOfTheirOwn()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(1);

        // Act
        var (background, pooled) = executor.Submit(() => (Thread.CurrentThread.IsBackground, Thread.CurrentThread.IsThreadPoolThread)).Result(Patience);

        // Assert
        Assert.True(background);
        Assert.False(pooled);
    }

    [Fact]
    public void Initializer_RunsOncePerWorker()
    {
        // Arrange
        var runs = 0;
        var perThread = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var allRunning = new Barrier(3);
        using var executor = new ThreadPoolExecutor(3, initializer: () =>
        {
            Interlocked.Increment(ref runs);
            perThread.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, n) => n + 1);
        });

        // Act
        var futures = Enumerable.Range(0, 3).Select(_ => executor.Submit(() => allRunning.SignalAndWait(Patience))).ToList();
        var more = Enumerable.Range(0, 30).Select(i => executor.Submit(Jobs.Square, i)).ToList();
        Future.Wait<Future>([.. futures, .. more], Patience);
        executor.Shutdown();

        // Assert
        Assert.All(futures, f => Assert.True(f.Result(TimeSpan.Zero)));
        Assert.Equal(3, runs);
        Assert.Equal(3, perThread.Count);
        Assert.All(perThread.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Initializer_Throws_BreaksThePool()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(2, initializer: () => throw new InvalidDataException("no config"));

        // Act: the first submission is queued before any worker can fail; later ones race the breaking pool and
        // either fail in their future or are refused at once. Either way, nothing hangs.
        var first = executor.Submit(Jobs.Square, 0);
        var others = Enumerable.Range(1, 4).Select(i =>
        {
            try
            {
                return executor.Submit(Jobs.Square, i).Exception(Patience);
            }
            catch (BrokenThreadPoolException refused)
            {
                return refused;
            }
        }).ToList();
        var firstOutcome = Record.Exception(() => first.Result(Patience));
        var later = Record.Exception(() => executor.Submit(Jobs.Answer));
        executor.Shutdown(wait: true);

        // Assert
        Assert.IsType<BrokenThreadPoolException>(firstOutcome);
        Assert.All(others, e => Assert.IsType<BrokenThreadPoolException>(e));
        var broken = Assert.IsType<BrokenThreadPoolException>(later);
        Assert.IsAssignableFrom<BrokenExecutorException>(broken);
        Assert.IsType<InvalidDataException>(broken.InnerException);
        Assert.Contains("no config", broken.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Initializer_Throws_ShutdownAsyncCompletes()
    {
        // Arrange
        var executor = new ThreadPoolExecutor(2, initializer: () => throw new InvalidDataException("no config"));
        var future = executor.Submit(Jobs.Answer);
        Assert.IsType<BrokenThreadPoolException>(future.Exception(Patience));

        // Act
        await executor.ShutdownAsync().WaitAsync(Patience);

        // Assert
        Assert.IsType<BrokenThreadPoolException>(Record.Exception(() => executor.Submit(Jobs.Answer)));
    }

    [Fact]
    public void Result_WorkThrows_RethrowsSameTypeWithOriginalStack()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(1);

        // Act
        var future = executor.Submit(ThrowFromDeepInside);
        var thrown = Record.Exception(() => future.Result(Patience));

        // Assert
        var custom = Assert.IsType<CustomWorkException>(thrown);
        Assert.Same(future.Exception(TimeSpan.Zero), custom);
        Assert.Contains(nameof(ThrowFromDeepInside), custom.StackTrace, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_WorkThrows_RethrowsSameTypeWithOriginalStack()
    {
        // Arrange
        await using var executor = new ThreadPoolExecutor(1);

        // Act
        var thrown = await Record.ExceptionAsync(async () => await executor.Submit(ThrowFromDeepInside));

        // Assert
        var custom = Assert.IsType<CustomWorkException>(thrown);
        Assert.Contains(nameof(ThrowFromDeepInside), custom.StackTrace, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Await_Continuation_DoesNotRunOnTheWorker()
    {
        // Arrange: one worker; the code after the await blocks until the second job has run.
        await using var executor = new ThreadPoolExecutor(1, threadNamePrefix: "solo");
        using var secondRan = new ManualResetEventSlim();
        var first = executor.Submit(() => 1);

        // Act
        var continuation = Task.Run(async () =>
        {
            await first;
            var name = Thread.CurrentThread.Name;
            return (name, secondRan.Wait(Patience));
        });
        await first;
        var second = executor.Submit(() => { secondRan.Set(); return 2; });
        var (continuationThread, sawSecond) = await continuation.WaitAsync(Patience);

        // Assert
        Assert.True(sawSecond);
        Assert.NotEqual("solo_0", continuationThread);
        Assert.Equal(2, second.Result(Patience));
    }

    [Fact]
    public void DoneCallback_SubmitsAndWaitsOnTheSamePool_DoesNotDeadlock()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(2);
        using var release = new ManualResetEventSlim();
        var innerResult = new Future<int>();
        var outer = executor.Submit(() => release.Wait(Patience));
        outer.AddDoneCallback(_ => innerResult.SetResult(executor.Submit(() => 7).Result(Patience)));

        // Act
        release.Set();

        // Assert
        Assert.Equal(7, innerResult.Result(Patience));
    }

    [Fact]
    public void Map_Closure_RunsConcurrentlyAndKeepsOrder()
    {
        // Arrange: three items must all be running at once to pass the barrier.
        using var executor = new ThreadPoolExecutor(3);
        using var allRunning = new Barrier(3);

        // Act
        var results = executor.Map(i => allRunning.SignalAndWait(Patience) ? i * 10 : -1, [0, 1, 2], Patience).ToList();

        // Assert
        Assert.Equal([0, 10, 20], results);
    }

    [Fact]
    public void Map_BreakEarly_RunsNothingPastTheItemRunning()
    {
        // Arrange: one worker and no look-ahead, so after the break at most item 1 (then running) may have run.
        using var executor = new ThreadPoolExecutor(1);
        using var release = new ManualResetEventSlim();
        var ran = new System.Collections.Concurrent.ConcurrentQueue<int>();
        int Work(int i)
        {
            ran.Enqueue(i);
            return i == 1 && !release.Wait(Patience) ? -1 : i;
        }

        // Act
        using (var results = executor.Map(Work, Enumerable.Range(0, 100), Patience).GetEnumerator())
        {
            Assert.True(results.MoveNext());
        }

        release.Set();
        executor.Shutdown(wait: true);

        // Assert
        Assert.True(ran.SequenceEqual([0]) || ran.SequenceEqual([0, 1]), $"Ran: {string.Join(", ", ran)}");
    }

    [Fact]
    public void Shutdown_CancelFutures_CancelsEveryQueuedItem()
    {
        // Arrange: the thread pool hands nothing out ahead of time.
        using var executor = new ThreadPoolExecutor(1);
        using var release = new ManualResetEventSlim();
        var running = executor.Submit(() => release.Wait(Patience));
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The job never started.");
        var queued = Enumerable.Range(0, 5).Select(i => executor.Submit(Jobs.Square, i)).ToList();

        // Act
        executor.Shutdown(wait: false, cancelFutures: true);
        release.Set();
        executor.Shutdown(wait: true);

        // Assert
        Assert.True(running.Result(Patience));
        Assert.All(queued, f => Assert.True(f.Cancelled));
    }

    [Fact]
    public void Shutdown_FromAWorker_DoesNotJoinItself()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(1);

        // Act
        var future = executor.Submit(() => { executor.Shutdown(wait: true); return 1; });

        // Assert
        Assert.Equal(1, future.Result(Patience));
    }

    [Fact]
    public void Shutdown_CancelFutures_RunsCallbacksOutsideTheExecutorsLock()
    {
        // Arrange: a queued future whose callback needs another thread to get into the executor.
        using var executor = new ThreadPoolExecutor(1);
        using var release = new ManualResetEventSlim();
        var running = executor.Submit(() => release.Wait(Patience));
        Assert.True(SpinWait.SpinUntil(() => running.Running, Patience), "The job never started.");
        var queued = executor.Submit(Jobs.Answer);
        var otherThreadGotIn = new Future<bool>();
        queued.AddDoneCallback(_ => otherThreadGotIn.SetResult(SubmitsFromAnotherThread(executor)));

        // Act
        executor.Shutdown(wait: false, cancelFutures: true);
        release.Set();

        // Assert
        Assert.True(queued.Cancelled);
        Assert.True(otherThreadGotIn.Result(Patience), "The callback ran while the executor's lock was held.");
    }

    [Fact]
    public void Initializer_Throws_FailsFuturesOutsideTheExecutorsLock()
    {
        // Arrange: the initializer fails only once a future with such a callback is queued.
        using var initializing = new ManualResetEventSlim();
        using var executor = new ThreadPoolExecutor(1, initializer: () =>
        {
            initializing.Wait(Patience);
            throw new InvalidDataException("no config");
        });
        var queued = executor.Submit(Jobs.Answer);
        var otherThreadGotIn = new Future<bool>();
        queued.AddDoneCallback(_ => otherThreadGotIn.SetResult(SubmitsFromAnotherThread(executor)));

        // Act
        initializing.Set();
        var outcome = queued.Exception(Patience);

        // Assert
        Assert.IsType<BrokenThreadPoolException>(outcome);
        Assert.True(otherThreadGotIn.Result(Patience), "The callback ran while the executor's lock was held.");
    }

    /// <summary>True if another thread can call Submit (refused or not) within five seconds.</summary>
    private static bool SubmitsFromAnotherThread(Executor executor)
    {
        var other = new Thread(() =>
        {
            try
            {
                executor.Submit(Jobs.Answer);
            }
            catch (InvalidOperationException)
            {
                // Refused: shut down or broken. Getting this far is what counts.
            }
        });
        other.Start();
        return other.Join(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Submit_AllocatesOneObjectOnTheCallingThread()
    {
        // Arrange: the worker started and the queue grown, so that only steady-state costs are counted.
        const int Count = 2_000;
        using var executor = new ThreadPoolExecutor(1);
        var futures = new Future<int>[Count];
        SubmitAll(executor, futures);
        Assert.Empty(Future.Wait(futures, Patience).NotDone);
        var bareFuture = BytesPerCall(Count, () => new Future<int>());

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        SubmitAll(executor, futures);
        var perSubmit = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;
        Assert.Empty(Future.Wait(futures, Patience).NotDone);

        // Assert: the work item (a future plus the callable and the captured execution context) and the queue's
        // amortised slot, well under two objects.
        Assert.InRange(perSubmit, bareFuture, bareFuture + 8 + 8 + 24);
    }

    private static void SubmitAll(ThreadPoolExecutor executor, Future<int>[] futures)
    {
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = executor.Submit(Jobs.Answer);
        }
    }

    private static double BytesPerCall(int count, Func<object> allocate)
    {
        var keep = new object[count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            keep[i] = allocate();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ThrowFromDeepInside() => throw new CustomWorkException("deep");

    private sealed class CustomWorkException(string message) : Exception(message);
}
