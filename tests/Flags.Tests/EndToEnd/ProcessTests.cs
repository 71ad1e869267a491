using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>The real program as a process: exit codes, output streams, and SIGINT.</summary>
public class ProcessTests
{
    [Fact(Timeout = 60000)]
    public async Task Process_EmbeddedDelayServerAll_DownloadsEveryFlag()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act: `flags -s DELAY -a` works with nothing else running.
        using var flags = FlagsProcess.Start("-s", "DELAY", "-a", "-m", "194", "-o", output.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DELAY site: http://127.0.0.1:", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains($"{CountryCodes.All.Count,3} flags downloaded.", run.OutputLines);
        Assert.Equal(CountryCodes.All.Count, output.Files("*.gif").Length);
        Assert.Equal("", run.Error); // stderr is redirected, so no progress bar
    }

    [Fact(Timeout = 60000)]
    public async Task Process_BadCode_PrintsOneLineAndExitsTwo()
    {
        // Act
        using var flags = FlagsProcess.Start("1X");
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith("'1X' is not a country code.", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact(Timeout = 60000)]
    public async Task Process_ErrorsWithJson_ExitsOneWithJsonOnStdout()
    {
        // Arrange
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Http500);
        using var output = new TempDirectory();

        // Act
        using var flags = FlagsProcess.Start("br", "--json", "--retry-delay", "1ms", "-s", server.Url(), "-o", output.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(1, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(1, json.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact(Timeout = 60000)]
    public async Task Process_Sigint_Exits130WithSummaryAndNoPartFiles()
    {
        // Arrange: responses stall mid-body, so a .part file proves downloads are in flight.
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Stall);
        using var output = new TempDirectory();
        using var watcher = new PartFileWatcher(output.Path);
        using var flags = FlagsProcess.Start("br", "cn", "us", "--timeout", "60s", "-s", server.Url(), "-o", output.Path);

        // Act
        await watcher.WaitAsync();
        await flags.InterruptAsync();
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Interrupted: 0 of 3 codes finished.", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Elapsed time: ", StringComparison.Ordinal));
        Assert.Empty(output.Files());
    }
}
