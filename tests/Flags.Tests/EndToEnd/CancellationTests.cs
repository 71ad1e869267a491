using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>Ctrl+C (the entry point's token): stop, delete temporary files, print what finished, exit 130.</summary>
public class CancellationTests
{
    public static TheoryData<string> Strategies => new() { "sequential", "threads", "futures", "async" };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Run_CancelledMidBody_Exits130WithSummaryAndNoPartFiles(string strategy)
    {
        // Arrange: every response stalls after half its body, so downloads are certainly in flight.
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Stall);
        using var output = new TempDirectory();
        using var watcher = new PartFileWatcher(output.Path);
        using var interrupt = new CancellationTokenSource();

        // Act
        var running = FlagsRun.RunAsync(
            ["br", "cn", "de", "fr", "us", "--timeout", "60s", "-s", server.Url(), "-o", output.Path, "--strategy", strategy],
            cancellationToken: interrupt.Token);
        await watcher.WaitAsync();
        await interrupt.CancelAsync();
        var run = await running;

        // Assert
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Interrupted: 0 of 5 codes finished.", run.OutputLines);
        Assert.Contains("  0 flags downloaded.", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Elapsed time: ", StringComparison.Ordinal));
        Assert.Empty(output.Files());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_CancelledAfterSomeFinished_ReportsOnlyTheFinished()
    {
        // Arrange: half the requests stall (seeded), the others finish at once.
        await using var server = await Servers.FailingAsync(0.5, FaultKind.Stall);
        using var output = new TempDirectory();
        using var watcher = new PartFileWatcher(output.Path);
        using var interrupt = new CancellationTokenSource();

        // Act
        var running = FlagsRun.RunAsync(
            ["a", "--json", "--timeout", "60s", "-m", "26", "-s", server.Url(), "-o", output.Path], cancellationToken: interrupt.Token);
        await watcher.WaitAsync();
        await interrupt.CancelAsync();
        var run = await running;

        // Assert
        Assert.Equal(130, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("interrupted").GetBoolean());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.True(results.Count < 26, $"{results.Count} results although some requests stalled.");
        var saved = results.Count(r => r.GetProperty("status").GetString() == "ok");
        Assert.Equal(saved, output.Files("*.gif").Length);
        Assert.Empty(output.Files("*.part"));
    }
}
