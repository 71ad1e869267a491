using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Futures.Hosting.Tests;

/// <summary>What happens to the registered executors and their work when the host stops and is disposed.</summary>
public class ShutdownTests
{
    [Fact(Timeout = 60_000)]
    public async Task HostStop_WorkRunningAndQueued_IsWaitedForWithinTheTimeout()
    {
        // Arrange
        using var host = TestHost.Build(s => s.AddThreadPoolExecutor("cpu", o => o.MaxWorkers = 1));
        await host.StartAsync();
        var executor = host.Services.GetRequiredKeyedService<Executor>("cpu");
        using var release = new ManualResetEventSlim();
        var (running, queued) = SubmitRunningAndQueued(executor, release);

        // Act
        var stopping = host.StopAsync();
        Assert.True(SpinWait.SpinUntil(() => TestHost.RefusesWork(executor), TestHost.Patience), "the executor kept taking work after the host began to stop");
        var stoppedEarly = stopping.IsCompleted;
        release.Set();
        await stopping.WaitAsync(TestHost.Patience);

        // Assert
        Assert.False(stoppedEarly, "StopAsync returned while work was still running");
        Assert.Equal(42, running.Result(TimeSpan.Zero));
        Assert.Equal(7, queued.Result(TimeSpan.Zero));
    }

    [Fact(Timeout = 60_000)]
    public async Task HostStop_WorkOutlastsTheTimeout_QueuedWorkIsCancelledAndRunningWorkFinishes()
    {
        // Arrange
        using var host = TestHost.Build(s => s.AddThreadPoolExecutor("cpu", o => o.MaxWorkers = 1), shutdownTimeout: TimeSpan.FromMilliseconds(200));
        await host.StartAsync();
        var executor = host.Services.GetRequiredKeyedService<Executor>("cpu");
        using var release = new ManualResetEventSlim();
        var (running, queued) = SubmitRunningAndQueued(executor, release);

        // Act
        await host.StopAsync().WaitAsync(TestHost.Patience);
        var queuedState = queued.State;
        var runningState = running.State;
        release.Set();

        // Assert
        Assert.Equal(FutureState.Cancelled, queuedState);
        Assert.Equal(FutureState.Running, runningState);
        Assert.Equal(42, running.Result(TestHost.Patience));
    }

    [Fact(Timeout = 60_000)]
    public async Task HostDispose_AfterStop_ExecutorsAreShutDown()
    {
        // Arrange
        var host = TestHost.Build(s => s.AddThreadPoolExecutor("a").AddThreadPoolExecutor("b"));
        await host.StartAsync();
        var a = host.Services.GetRequiredKeyedService<Executor>("a");
        var b = host.Services.GetRequiredKeyedService<Executor>("b");
        Assert.Equal(1, await a.Submit(static () => 1));

        // Act
        await host.StopAsync();
        host.Dispose();

        // Assert
        Assert.True(TestHost.RefusesWork(a));
        Assert.True(TestHost.RefusesWork(b));
    }

    [Fact(Timeout = 60_000)]
    public async Task HostDispose_NeverStarted_ExecutorIsShutDownWithTheContainer()
    {
        // Arrange
        var host = TestHost.Build(s => s.AddThreadPoolExecutor("cpu"));
        var executor = host.Services.GetRequiredKeyedService<ThreadPoolExecutor>("cpu");
        Assert.Equal(1, await executor.Submit(static () => 1));

        // Act
        await ((IAsyncDisposable)host).DisposeAsync();

        // Assert
        Assert.True(TestHost.RefusesWork(executor));
    }

    [Fact(Timeout = 120_000)]
    public async Task HostStop_ProcessPool_WorkersExitAndPoolRefusesWork()
    {
        // Arrange
        using var host = TestHost.Build(s => s.AddProcessPoolExecutor("isolated", o => o.MaxWorkers = 1));
        await host.StartAsync();
        var executor = host.Services.GetRequiredKeyedService<ProcessPoolExecutor>("isolated");
        var workerPid = await executor.Submit(Jobs.ProcessId, 0);
        using var worker = System.Diagnostics.Process.GetProcessById(workerPid);

        // Act
        await host.StopAsync().WaitAsync(TestHost.Patience);

        // Assert
        Assert.True(worker.WaitForExit(TestHost.Patience), "the worker process outlived the host's stop");
        Assert.True(TestHost.RefusesWork(executor));
    }

    /// <summary>
    /// On an executor of one worker: submits an item that runs until <paramref name="release"/> is set (then gives 42)
    /// and one queued behind it (gives 7), and returns once the first has started.
    /// </summary>
    private static (Future<int> Running, Future<int> Queued) SubmitRunningAndQueued(Executor executor, ManualResetEventSlim release)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = executor.Submit(() =>
        {
            started.TrySetResult();
            return release.Wait(TestHost.Patience) ? 42 : -1;
        });
        var queued = executor.Submit(static () => 7);
        Assert.True(started.Task.Wait(TestHost.Patience), "the first item did not start");
        return (running, queued);
    }
}
