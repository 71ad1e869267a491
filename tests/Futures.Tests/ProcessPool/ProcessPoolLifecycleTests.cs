using System.Diagnostics;
using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>Each test owns its pool: these break, recycle, shut down or kill workers.</summary>
public class ProcessPoolLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Constructor_Defaults_MaxWorkersIsProcessorCount()
    {
        // Act
        using var pool = new ProcessPoolExecutor();

        // Assert
        Assert.Equal(Environment.ProcessorCount, pool.MaxWorkers);
        Assert.Null(pool.MaxTasksPerChild);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(1, 0)]
    public void Constructor_LimitBelowOne_ThrowsArgumentOutOfRange(int maxWorkers, int? maxTasksPerChild)
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolExecutor(maxWorkers, maxTasksPerChild));
    }

    [Fact]
    public void Constructor_CapturingInitializer_ThrowsArgumentException()
    {
        // Arrange
        var count = 0;

        // Act + Assert
        Assert.Throws<ArgumentException>(() => new ProcessPoolExecutor(initializer: () => count++));
    }

    [Fact]
    public void Submit_BeforeAnyWork_StartsNoProcess_ThenAtMostMaxWorkers()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 2);
        var before = pool.WorkerProcessIds.Count;

        // Act
        var pids = pool.Map(ProcessJobs.Square, Enumerable.Range(0, 20), Patience).ToList();

        // Assert
        Assert.Equal(0, before);
        Assert.InRange(pool.WorkerProcessIds.Count, 1, 2);
    }

    [Fact]
    public async Task KilledWorker_BreaksPool_PendingFuturesFailAndSubmitIsRefused()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var running = pool.Submit(ProcessJobs.Gate, gate.Name);
        var pending = pool.Submit(ProcessJobs.Square, 2);
        var pid = await gate.WaitForStartAsync();

        // Act
        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill();
        }

        // Assert
        var runningError = Assert.Throws<BrokenProcessPoolException>(() => running.Result(Patience));
        Assert.Throws<BrokenProcessPoolException>(() => pending.Result(Patience));
        Assert.Contains($"pid {pid}", runningError.Message, StringComparison.Ordinal);
        Assert.Contains("signal 9", runningError.Message, StringComparison.Ordinal);
        var refused = Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Pid));
        Assert.IsAssignableFrom<BrokenExecutorException>(refused);
    }

    [Fact]
    public void WorkerExits_BreaksPool()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);

        // Act
        var future = pool.Submit(ProcessJobs.Exit, 3);

        // Assert
        var error = Assert.Throws<BrokenProcessPoolException>(() => future.Result(Patience));
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<BrokenProcessPoolException>(() => pool.Submit(ProcessJobs.Pid));
    }

    [Fact]
    public void MaxTasksPerChild_Two_EveryTwoTasksRunInANewProcess()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1, maxTasksPerChild: 2);

        // Act
        var pids = Enumerable.Range(0, 6).Select(_ => pool.Submit(ProcessJobs.Pid).Result(Patience)).ToList();

        // Assert
        Assert.Equal(pids[0], pids[1]);
        Assert.Equal(pids[2], pids[3]);
        Assert.Equal(pids[4], pids[5]);
        Assert.Equal(3, pids.Distinct().Count());
    }

    [Fact]
    public async Task Shutdown_Wait_LeavesNoWorkerProcess()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 2);
        _ = pool.Map(ProcessJobs.Square, Enumerable.Range(0, 10), Patience).ToList();
        var pids = pool.WorkerProcessIds;

        // Act
        pool.Shutdown(wait: true);

        // Assert
        Assert.NotEmpty(pids);
        Assert.Empty(pool.WorkerProcessIds);
        Assert.Empty(await Processes.WaitUntilGoneAsync(pids, TimeSpan.Zero));
    }

    [Fact]
    public async Task Shutdown_WithWorkRunning_FinishesItFirst()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var running = pool.Submit(ProcessJobs.Gate, gate.Name);
        var queued = pool.Submit(ProcessJobs.Square, 5);
        await gate.WaitForStartAsync();

        // Act
        var shutdown = pool.ShutdownAsync();
        Assert.False(shutdown.IsCompleted);
        gate.Release();
        await shutdown.WaitAsync(Patience);

        // Assert
        Assert.True(running.Result(Patience) > 0);
        Assert.Equal(25, queued.Result(Patience));
    }

    [Fact]
    public async Task Shutdown_CancelFutures_CancelsWorkThatHasNotStarted()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var running = pool.Submit(ProcessJobs.Gate, gate.Name);
        var queued = pool.Submit(ProcessJobs.Square, 5);
        await gate.WaitForStartAsync();

        // Act
        pool.Shutdown(wait: false, cancelFutures: true);
        gate.Release();
        await pool.ShutdownAsync().WaitAsync(Patience);

        // Assert
        Assert.True(queued.Cancelled);
        Assert.True(running.Result(Patience) > 0);
        Assert.Throws<InvalidOperationException>(() => pool.Submit(ProcessJobs.Pid));
    }

    [Fact]
    public void Initializer_RunsOncePerWorker()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1, initializer: ProcessJobs.Initialize);

        // Act
        var counts = Enumerable.Range(0, 3).Select(_ => pool.Submit(ProcessJobs.InitializedCount).Result(Patience)).ToList();

        // Assert
        Assert.Equal([1, 1, 1], counts);
        Assert.Equal(0, ProcessJobs.InitializedCount()); // it ran in the worker, not here
    }

    [Fact]
    public void Initializer_Throws_BreaksPoolWithItsMessage()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1, initializer: ProcessJobs.FailingInitializer);

        // Act
        var future = pool.Submit(ProcessJobs.Pid);

        // Assert
        var error = Assert.Throws<BrokenProcessPoolException>(() => future.Result(Patience));
        Assert.Contains("initializer refused", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Map_AcrossRecycledWorkers_KeepsOrder()
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 2, maxTasksPerChild: 3);

        // Act
        var results = pool.Map(ProcessJobs.Square, Enumerable.Range(0, 200), Patience, chunkSize: 10).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 200).Select(n => n * n), results);
    }

    [Fact(Timeout = 60000)]
    public async Task Map_ChunksLargerThanAPipeBuffer_CompleteWithoutDeadlock()
    {
        // Arrange: chunks and results of about 70 KB, more than a pipe holds, with chunks queued in busy workers: a
        // worker that stops reading while it writes a result would deadlock with a parent writing it the next chunk.
        using var pool = new ProcessPoolExecutor(maxWorkers: 2);
        var items = Enumerable.Range(1_000_000, 200_000).ToList();

        // Act: a few rounds, since the deadlock needs writes on both sides to meet
        // (on a thread pool thread: a deadlocked Submit blocks in a pipe write, where Map's timeout cannot reach it)
        var rounds = await Task.Run(() => Enumerable.Range(0, 3)
            .Select(_ => pool.Map(ProcessJobs.Same, items, Patience, chunkSize: 10_000).ToList())
            .ToList()).WaitAsync(Patience);

        // Assert
        Assert.All(rounds, results => Assert.Equal(items, results));
    }

    [Fact(Timeout = 60000)]
    public async Task Shutdown_AfterQueuedWorkWasCancelled_DoesNotWaitForIt()
    {
        // Arrange: a queued future cancelled by hand stays in the pool's queue until the pool looks at it again.
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var running = pool.Submit(ProcessJobs.Gate, gate.Name);
        var queued = pool.Submit(ProcessJobs.Square, 5);
        await gate.WaitForStartAsync();
        Assert.True(queued.Cancel());
        gate.Release();
        Assert.True(running.Result(Patience) > 0);

        // Act
        await pool.ShutdownAsync().WaitAsync(Patience);

        // Assert
        Assert.Empty(pool.WorkerProcessIds);
    }
}
