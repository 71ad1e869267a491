using System.Diagnostics;
using Futures;
using Futures.ProcessPool;

namespace Futures.Tests.ProcessPool;

/// <summary>TerminateWorkers and KillWorkers: Python 3.14's terminate_workers and kill_workers (issue 11).</summary>
public class ProcessPoolStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stop_WithWorkRunningAndQueued_NoFutureIsLeftWaiting(bool kill)
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var queued = pool.Submit(ProcessJobs.Square, 5);

        // Act
        Stop(pool, kill);

        // Assert
        var error = await Assert.ThrowsAsync<BrokenProcessPoolException>(() => held.Running.AsTask().WaitAsync(Patience));
        Assert.Contains(kill ? "KillWorkers()" : "TerminateWorkers()", error.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {held.Pid}", error.Message, StringComparison.Ordinal);
        Assert.True(queued.Cancelled);
        await pool.ShutdownAsync().WaitAsync(Patience);
        Assert.Empty(pool.WorkerProcessIds);
        Assert.Empty(await Processes.WaitUntilGoneAsync([held.Pid], TimeSpan.Zero));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stop_ThenSubmit_ThrowsInvalidOperationNamingTheCall(bool kill)
    {
        // Arrange
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        Assert.Equal(4, pool.Submit(ProcessJobs.Square, 2).Result(Patience));

        // Act
        Stop(pool, kill);

        // Assert
        var refused = Assert.Throws<InvalidOperationException>(() => pool.Submit(ProcessJobs.Pid));
        Assert.IsNotType<BrokenProcessPoolException>(refused);
        Assert.Contains(kill ? "KillWorkers()" : "TerminateWorkers()", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Stop_BeforeAnyWorkerStarted_ShutsThePoolDown()
    {
        // Arrange
        var pool = new ProcessPoolExecutor(maxWorkers: 1);

        // Act
        pool.KillWorkers();

        // Assert
        await pool.ShutdownAsync().WaitAsync(Patience);
        Assert.Throws<InvalidOperationException>(() => pool.Submit(ProcessJobs.Pid));
    }

    [Fact(Timeout = 60_000)]
    public async Task Stop_WhileAMapRuns_TheMapEndsWithAnExceptionInsteadOfWaiting()
    {
        // Arrange: the first item blocks its worker; chunks behind it are queued or pending
        var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var held = await HeldWorker.StartAsync(pool);
        var results = pool.Map(ProcessJobs.Square, Enumerable.Range(0, 1000), Patience, chunkSize: 10);

        // Act
        pool.TerminateWorkers();

        // Assert
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => results.ToList()).WaitAsync(Patience));
        Assert.True(error is BrokenProcessPoolException or OperationCanceledException, error.ToString());
        await Assert.ThrowsAsync<BrokenProcessPoolException>(() => held.Running.AsTask().WaitAsync(Patience));
        await pool.ShutdownAsync().WaitAsync(Patience);
    }

    [Fact(Timeout = 60_000)]
    public async Task Signals_SigTerm_EndsTheProcessWithThatSignal()
    {
        // Arrange: a real process (coreutils' sleep; the suite runs on Linux) that would otherwise run for a minute
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;

        // Act
        var sent = Signals.Send(sleeper.Id, Signals.SigTerm);
        await sleeper.WaitForExitAsync().WaitAsync(Patience);

        // Assert
        Assert.True(sent);
        Assert.Equal(128 + 15, sleeper.ExitCode);
    }

    private static void Stop(ProcessPoolExecutor pool, bool kill)
    {
        if (kill)
        {
            pool.KillWorkers();
        }
        else
        {
            pool.TerminateWorkers();
        }
    }
}
