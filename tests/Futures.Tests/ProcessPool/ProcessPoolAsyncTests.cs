using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>Version 2 work on the process pool (issue 11): Action, two arguments, async methods awaited in the worker.</summary>
public class ProcessPoolAsyncTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ProcessPoolExecutor _pool = fixture.Pool;

    [Fact(Timeout = 60_000)]
    public async Task SubmitAction_StaticMethod_CompletesTheNonGenericFuture()
    {
        // Act
        Future future = _pool.Submit(ProcessJobs.Nothing);
        await future.AsTask().WaitAsync(Patience);

        // Assert
        Assert.Equal(FutureState.Finished, future.State);
        Assert.Null(future.Exception(Patience));
    }

    [Fact]
    public void SubmitAction_Throws_ExceptionComesBackFromTheWorker()
    {
        // Act
        var error = _pool.Submit(ProcessJobs.ThrowFromAction).Exception(Patience);

        // Assert
        var thrown = Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("thrown by an Action", thrown.Message);
        Assert.NotEqual(Environment.ProcessId, (int)thrown.Data["WorkerProcessId"]!);
    }

    [Fact]
    public void SubmitAction_CapturingLambda_ThrowsArgumentException()
    {
        // Arrange
        var count = 0;

        // Act + Assert
        Assert.Throws<ArgumentException>(() => _pool.Submit(() => { count++; }));
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_StaticMethod_IsAwaitedInTheWorker()
    {
        // Act
        Future<int> future = _pool.Submit(ProcessJobs.PidLater);
        var pid = await future.AsTask().WaitAsync(Patience);

        // Assert
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Contains(pid, _pool.WorkerProcessIds);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_LambdaCapturingNothing_IsAwaitedInTheWorker()
    {
        // Act
        Future<int> future = _pool.Submit(static async () =>
        {
            await Task.Yield();
            return Environment.ProcessId;
        });

        // Assert
        Assert.NotEqual(Environment.ProcessId, await future.AsTask().WaitAsync(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_WithArgument_ReturnsTheTasksResult()
    {
        // Act
        Future<int> future = _pool.Submit(ProcessJobs.SquareLater, 9);

        // Assert
        Assert.Equal(81, await future.AsTask().WaitAsync(Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_TaskThrowsAfterAnAwait_FutureFailsWithThatException()
    {
        // Act
        Future future = _pool.Submit(ProcessJobs.ThrowLater);

        // Assert
        var error = await Assert.ThrowsAsync<FormatException>(() => future.AsTask().WaitAsync(Patience));
        Assert.Equal("thrown after an await", error.Message);
        Assert.Equal(FutureState.Finished, future.State);
    }

    [Fact]
    public void SubmitAsync_LambdaCapturingALocal_ThrowsArgumentExceptionSayingWhy()
    {
        // Arrange
        var offset = 5;

        // Act
        var error = Assert.Throws<ArgumentException>(() => _pool.Submit(async () =>
        {
            await Task.Yield();
            return offset;
        }));

        // Assert
        Assert.Contains("captures state", error.Message, StringComparison.Ordinal);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitAsync_LambdaCapturingThis_ThrowsArgumentException()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => _pool.Submit(async () =>
        {
            await Task.Yield();
            return _pool.MaxWorkers;
        }));
    }

    [Fact]
    public void SubmitAsyncWithToken_CapturingLambda_ThrowsArgumentException()
    {
        // Arrange
        var delay = 5;

        // Act + Assert
        Assert.Throws<ArgumentException>(() => _pool.Submit(async token =>
        {
            await Task.Delay(delay, token);
            return 1;
        }));
    }

    [Fact]
    public void Map_TwoSources_ZipsAndStopsAtTheShortest()
    {
        // Act
        var one = _pool.Map(ProcessJobs.Add, [1, 2, 3], [10, 20, 30, 40], Patience).ToList();
        var chunked = _pool.Map(ProcessJobs.Add, Enumerable.Range(0, 50), Enumerable.Range(100, 40), Patience, chunkSize: 7).ToList();

        // Assert
        Assert.Equal([11, 22, 33], one);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i + i + 100), chunked);
    }

    [Fact(Timeout = 60_000)]
    public async Task MapAsync_AsyncMethod_ResultsInSourceOrder()
    {
        // Arrange
        var results = new List<int>();

        // Act
        await foreach (var result in _pool.MapAsync(static async (int n, CancellationToken token) =>
        {
            await Task.Yield();
            return n * 2;
        }, Enumerable.Range(0, 20)).WithCancellation(CancellationToken.None))
        {
            results.Add(result);
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n * 2), results);
    }
}
