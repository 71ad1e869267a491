namespace Futures.Tests.ProcessPool;

/// <summary>
/// A self-contained single-file app (tests/Futures.WorkerApp, published by <see cref="SingleFileAppFixture"/>) runs a
/// ProcessPoolExecutor whose workers are its own executable; without the hook it refuses and starts nothing.
/// </summary>
public sealed class ProcessPoolSingleFileTests(SingleFileAppFixture app) : IClassFixture<SingleFileAppFixture>
{
    [Fact(Timeout = 120000)]
    public async Task SingleFileApp_RunsAPool_WithTheSameResults()
    {
        // Act
        var (exitCode, output, error) = await OwnExecutable.RunAsync(app.App, new Dictionary<string, string?>(), "pool");

        // Assert
        Assert.True(exitCode == 0, $"exit {exitCode}: {output} {error}");
        Assert.Equal(
            [
                "square: 49",
                "map: 1,4,9,16,25,36,49,64,81,100",
                "async: 42",
                "other process: True",
                "exception: InvalidOperationException: failed on 3",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact(Timeout = 120000)]
    public async Task SingleFileApp_WithoutHook_RefusesFirstSubmitAndStartsNothing()
    {
        // Arrange
        var log = app.Folder.File($"main-{Guid.NewGuid():N}.log");

        // Act
        var (exitCode, output, error) = await OwnExecutable.RunAsync(app.App, new Dictionary<string, string?> { ["FUTURES_WORKERAPP_LOG"] = log }, "without-hook");

        // Assert
        Assert.True(exitCode == 3, $"exit {exitCode}: {output} {error}");
        Assert.Contains("(single-file)", output, StringComparison.Ordinal);
        Assert.Contains(Futures.ProcessPool.ApplicationLauncher.HookLine, output, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(log));
    }

    [Fact(Timeout = 120000)]
    public async Task SingleFileApp_WorkerThatMakesAPool_IsRefused()
    {
        // Act
        var (exitCode, output, error) = await OwnExecutable.RunAsync(app.App, new Dictionary<string, string?>(), "nested");

        // Assert
        Assert.True(exitCode == 0, $"exit {exitCode}: {output} {error}");
        Assert.StartsWith("refused: ", output, StringComparison.Ordinal);
        Assert.Contains("a worker never starts workers", output, StringComparison.Ordinal);
    }
}
