using Futures.ProcessPool;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// The launch modes' edges under the JIT: the hook outside a worker, the fork-bomb guard in both modes, and an app that
/// needs the hook and lacks it (tests/Futures.WorkerApp without Futures.Worker.dll beside it).
/// </summary>
public sealed class ProcessPoolLaunchModeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void RunWorkerIfRequested_NotAWorker_ReturnsFalseAtOnce()
    {
        // Act and Assert
        Assert.False(ProcessPoolExecutor.RunWorkerIfRequested([]));
        Assert.False(ProcessPoolExecutor.RunWorkerIfRequested(["--small", "--futures-process-pool-worker"]));
        Assert.Throws<ArgumentNullException>(() => ProcessPoolExecutor.RunWorkerIfRequested(null!));
    }

    [Theory]
    [InlineData("worker host")]
    [InlineData("own executable")]
    public void Submit_InAWorker_IsRefused(string mode)
    {
        // Arrange
        using var pool = mode == "worker host" ? new ProcessPoolExecutor(maxWorkers: 1) : OwnExecutable.Pool(maxWorkers: 1);

        // Act
        var outcome = pool.Submit(NestedPoolJobs.SubmitFromWorker).Result(Patience);

        // Assert
        Assert.StartsWith("refused: ", outcome, StringComparison.Ordinal);
        Assert.Contains("a worker never starts workers", outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void OwnExecutablePool_RunsInAnotherProcessOfThatExecutable()
    {
        // Arrange
        using var pool = OwnExecutable.Pool(maxWorkers: 1);

        // Act
        var pid = pool.Submit(ProcessJobs.Pid).Result(Patience);

        // Assert
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Equal(pool.WorkerProcessIds.Single(), pid);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(OwnExecutable.AppHost, new FileInfo($"/proc/{pid}/exe").LinkTarget);
        }
    }

    [Fact(Timeout = 60000)]
    public async Task App_WithoutHookOrWorkerHost_RefusesFirstSubmitAndStartsNothing()
    {
        // Arrange: the app's build output without Futures.Worker.dll, so only its own executable could be a worker.
        using var folder = new Contract.TempDirectory();
        var source = Path.GetDirectoryName(OwnExecutable.AppHost)!;
        foreach (var file in Directory.GetFiles(source).Where(f => !Path.GetFileName(f).StartsWith("Futures.Worker.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        var app = Path.Combine(folder.Path, Path.GetFileName(OwnExecutable.AppHost));
        var log = Path.Combine(folder.Path, "main.log");

        // Act
        var (exitCode, output, error) = await OwnExecutable.RunAsync(app, new Dictionary<string, string?> { ["FUTURES_WORKERAPP_LOG"] = log }, "without-hook");

        // Assert
        Assert.True(exitCode == 3, $"exit {exitCode}: {output} {error}");
        Assert.Contains(ApplicationLauncher.HookLine, output, StringComparison.Ordinal);
        Assert.Contains("Main never called the hook", output, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(log)); // only the app itself ran Main: no worker was started
    }

    [Fact(Timeout = 60000)]
    public async Task Marker_PassedByHand_ExitsWithUsageError()
    {
        // Act
        var (exitCode, _, error) = await OwnExecutable.RunAsync(
            OwnExecutable.AppHost, new Dictionary<string, string?>(), "--futures-process-pool-worker", "--parent-pid", "1");

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("not meant to be used by hand", error, StringComparison.Ordinal);
    }
}
