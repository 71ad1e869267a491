using System.Diagnostics;
using Xunit.Abstractions;

namespace Futures.Tests.V2;

/// <summary>
/// How <see cref="ThreadPoolExecutor"/> runs async work: no thread held while awaiting, continuations on the pool's own
/// threads, never more than MaxWorkers in progress, and no way for async work to end the process or wedge the pool.
/// </summary>
public sealed class ThreadPoolAsyncTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [ThreadStatic]
    private static string? t_initialized;

    [Fact]
    public void AwaitingWork_HoldsNoThread_TenThousandDelaysOnAThousandWorkers()
    {
        // Arrange: the case.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1000);
        var watch = Stopwatch.StartNew();

        // Act
        var futures = Enumerable.Range(0, 10_000).Select(_ => executor.Submit(async () =>
        {
            await Task.Delay(100);
            return 1;
        })).ToList();
        var (_, notDone) = Future.Wait(futures, Patience);
        watch.Stop();
        var threads = executor.ThreadCount;

        // Assert: ten rounds of 1,000 concurrent delays of 100 ms; a thread per awaiting item would need 1,000.
        output.WriteLine($"10,000 x Task.Delay(100) on MaxWorkers 1000: {watch.Elapsed.TotalSeconds:F2} s, ThreadCount {threads}");
        Assert.Empty(notDone);
        Assert.Equal(10_000, futures.Sum(f => f.Result(Patience)));
        Assert.InRange(threads, 1, 64);
    }

    [Fact]
    public void Continuations_RunOnThePoolsOwnThreads_WhereInitializerStateHolds()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 2, threadNamePrefix: "async-pool", initializer: () => t_initialized = "yes");

        // Act
        var seen = executor.Submit(async () =>
        {
            await Task.Delay(1);
            var afterDelay = (t_initialized, Thread.CurrentThread.Name);
            await Task.Yield();
            return (afterDelay, afterYield: (t_initialized, Thread.CurrentThread.Name));
        }).Result(Patience);

        // Assert
        Assert.Equal("yes", seen.afterDelay.t_initialized);
        Assert.StartsWith("async-pool_", seen.afterDelay.Name, StringComparison.Ordinal);
        Assert.Equal("yes", seen.afterYield.t_initialized);
        Assert.StartsWith("async-pool_", seen.afterYield.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void AsyncWork_NeverMoreThanMaxWorkersInProgress()
    {
        // Arrange
        const int Workers = 3;
        using var executor = new ThreadPoolExecutor(Workers);
        var inProgress = 0;
        var most = 0;

        // Act
        var futures = Enumerable.Range(0, 60).Select(_ => executor.Submit(async () =>
        {
            var now = Interlocked.Increment(ref inProgress);
            InterlockedMax(ref most, now);
            await Task.Delay(2);
            await Task.Yield();
            Interlocked.Decrement(ref inProgress);
            return 0;
        })).ToList();
        var (_, notDone) = Future.Wait(futures, Patience);

        // Assert
        Assert.Empty(notDone);
        Assert.InRange(most, 1, Workers);
    }

    [Fact]
    public void SyncAndAsyncWork_ShareTheSlots()
    {
        // Arrange: one slot, held by async work; sync work queued behind it must wait for it.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = executor.Submit(async () =>
        {
            await release.Task;
            return 1;
        });
        Assert.True(SpinWait.SpinUntil(() => holder.Running, Patience));
        var queued = executor.Submit(() => 2);

        // Act
        var stateWhileHeld = queued.State;
        release.SetResult();

        // Assert
        Assert.Equal(FutureState.Pending, stateWhileHeld);
        Assert.Equal(1, holder.Result(Patience));
        Assert.Equal(2, queued.Result(Patience));
    }

    [Fact]
    public void AsyncWorkThatBlocksItsThread_GetsAnotherThread_NoDeadlock()
    {
        // Arrange: more blocking async items than async work starts threads for (one per processor); the item that
        // releases them can only run on a thread the progress check adds.
        var blockers = Environment.ProcessorCount + 1;
        using var executor = new ThreadPoolExecutor(maxWorkers: blockers + 2);
        using var gate = new ManualResetEventSlim();
        var blocked = Enumerable.Range(0, blockers).Select(_ => executor.Submit(async () =>
        {
            await Task.Yield();
            return gate.Wait(Patience);
        })).ToList();

        // Act
        var releaser = executor.Submit(async () =>
        {
            await Task.Yield();
            gate.Set();
            return true;
        });

        // Assert
        Assert.True(releaser.Result(Patience));
        Assert.All(blocked, f => Assert.True(f.Result(Patience)));
    }

    [Fact]
    public void AsyncVoidThrowingOnThePool_DoesNotEndTheProcess_AndThePoolGoesOn()
    {
        // Arrange: an async void method started inside async work posts its exception to the pool's context.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        using var thrown = new ManualResetEventSlim();

        // Act
        var future = executor.Submit(async () =>
        {
            Boom(thrown);
            await Task.Yield();
            return 1;
        });
        Assert.True(thrown.Wait(Patience));
        var later = executor.Submit(async () =>
        {
            await Task.Yield();
            return 2;
        });

        // Assert
        Assert.Equal(1, future.Result(Patience));
        Assert.Equal(2, later.Result(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task Shutdown_WaitsForAsyncWorkInProgress()
    {
        // Arrange
        var executor = new ThreadPoolExecutor(maxWorkers: 2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var future = executor.Submit(async () =>
        {
            await release.Task;
            await Task.Yield();
            return 5;
        });
        Assert.True(SpinWait.SpinUntil(() => future.Running, Patience));

        // Act
        var terminated = executor.ShutdownAsync();
        var beforeRelease = terminated.IsCompleted;
        release.SetResult();
        await terminated.WaitAsync(Patience);

        // Assert
        Assert.False(beforeRelease);
        Assert.Equal(5, future.Result(Patience));
    }

    [Fact]
    public void AsyncWorkCompletedOffThePool_FreesItsSlotForQueuedWork()
    {
        // Arrange: ConfigureAwait(false) completes the task on another thread, which must hand the slot on.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = executor.Submit(async () =>
        {
            await release.Task.ConfigureAwait(false);
            return 1;
        });
        Assert.True(SpinWait.SpinUntil(() => holder.Running, Patience));
        var queued = executor.Submit(async () =>
        {
            await Task.Yield();
            return 2;
        });

        // Act
        release.SetResult();

        // Assert
        Assert.Equal(1, holder.Result(Patience));
        Assert.Equal(2, queued.Result(Patience));
    }

    [Fact]
    public void AsyncWorkReturningNull_FailsItsFuture()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(() => (Task<int>)null!);

        // Assert
        Assert.IsType<InvalidOperationException>(future.Exception(Patience));
        Assert.Equal(3, executor.Submit(() => 3).Result(Patience));
    }

    [Fact]
    public void AsyncWorkThrowingBeforeItsFirstAwait_FailsItsFuture()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);

        // Act
        var future = executor.Submit(ThrowsAtOnce);

        // Assert
        Assert.IsType<InvalidDataException>(future.Exception(Patience));
    }

    [Fact]
    public void InitializerFails_PendingAsyncWorkFailsWithBrokenThreadPool()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1, initializer: () => throw new InvalidDataException("no"));

        // Act
        var future = executor.Submit(async () =>
        {
            await Task.Yield();
            return 1;
        });

        // Assert
        Assert.IsType<BrokenThreadPoolException>(future.Exception(Patience));
    }

    private static Task<int> ThrowsAtOnce() => throw new InvalidDataException("before any await");

#pragma warning disable VSTHRD100, AsyncFixer03 // async void on purpose: its exception is posted to the pool's context.
    private static async void Boom(ManualResetEventSlim thrown)
#pragma warning restore VSTHRD100, AsyncFixer03
    {
        await Task.Yield();
        thrown.Set();
        throw new InvalidDataException("async void failure");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
