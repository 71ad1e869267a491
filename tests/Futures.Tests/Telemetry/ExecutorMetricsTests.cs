using Futures.Tests.ProcessPool;

namespace Futures.Tests.Telemetry;

public class ExecutorMetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void ObservableInstruments_OneWorkerThreeGatedItems_ReportPendingRunningAndWorkers()
    {
        // Arrange: one worker busy with the first item, two queued behind it.
        var name = $"metrics-gauges-{Guid.NewGuid():N}";
        using var recorder = new MetricsRecorder(name);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var pool = new ThreadPoolExecutor(1, name);
        var futures = Enumerable.Range(0, 3).Select(_ => pool.Submit(() =>
        {
            started.Set();
            return release.Wait(Patience);
        })).ToList();
        Assert.True(started.Wait(Patience));

        // Act
        var busy = recorder.Observe();
        release.Set();
        Assert.Empty(Future.Wait(futures, Patience).NotDone);
        pool.Shutdown(wait: true);
        var afterShutdown = recorder.Observe();

        // Assert
        Assert.Equal(2, busy["futures.executor.pending"]);
        Assert.Equal(1, busy["futures.executor.running"]);
        Assert.Equal(1, busy["futures.executor.workers"]);
        Assert.All(futures, f => Assert.True(f.Result()));
        Assert.Empty(afterShutdown); // a terminated executor is no longer observed
    }

    [Fact]
    public void Duration_OkErrorCancelledAndAsyncItems_RecordedWithOutcomeAndTypeTags()
    {
        // Arrange
        var name = $"metrics-duration-{Guid.NewGuid():N}";
        using var recorder = new MetricsRecorder(name);
        using var pool = new ThreadPoolExecutor(1, name);

        // Act
        Future[] futures =
        [
            pool.Submit(() => 1),
            pool.Submit(() => throw new InvalidOperationException("fails")),
            pool.Submit(() => throw new OperationCanceledException()),
            pool.Submit(async () =>
            {
                await Task.Yield();
                return 2;
            }),
        ];
        Assert.Empty(Future.Wait(futures, Patience).NotDone);
        pool.Shutdown(wait: true);

        // Assert: recorded before each future completes, so all four are in.
        var durations = recorder.Of("futures.work.duration");
        Assert.Equal(4, durations.Count);
        Assert.All(durations, d =>
        {
            Assert.Equal("s", d.Unit);
            Assert.Equal("thread_pool", d.Tags["futures.executor.type"]);
            Assert.InRange(d.Value, 0, Patience.TotalSeconds);
        });
        Assert.Equal(
            ["cancelled", "error", "ok", "ok"],
            durations.Select(d => (string)d.Tags["futures.work.outcome"]!).Order());
    }

    [Fact]
    public void Restarts_MaxTasksPerChildOneThreeItems_CountsTwoReplacements()
    {
        // Arrange
        ProcessPoolExecutor pool = new(maxWorkers: 1, maxTasksPerChild: 1);
        using var recorder = new MetricsRecorder(pool.Name);

        // Act: each item runs in a fresh process; the first is a start, the next two replace a recycled worker.
        var pids = Enumerable.Range(0, 3).Select(_ => pool.Submit(ProcessJobs.Pid).Result(Patience)).ToList();
        var busy = recorder.Observe();
        pool.Shutdown(wait: true);

        // Assert
        Assert.Equal(3, pids.Distinct().Count());
        var restarts = recorder.Of("futures.process.restarts");
        Assert.Equal(2, restarts.Sum(r => r.Value));
        Assert.All(restarts, r => Assert.Equal("process_pool", r.Tags["futures.executor.type"]));
        Assert.Equal(0, busy["futures.executor.pending"]);
        Assert.Equal(0, busy["futures.executor.running"]);
        Assert.InRange(busy["futures.executor.workers"], 0, 1);
        var durations = recorder.Of("futures.work.duration");
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.Equal("process_pool", d.Tags["futures.executor.type"]));
        Assert.All(durations, d => Assert.Equal("ok", d.Tags["futures.work.outcome"]));
    }
}
