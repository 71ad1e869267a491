using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>Bad input: one clear line on stderr, exit 2, and no request sent.</summary>
public class UsageErrorTests
{
    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["1X"], "'1X' is not a country code." },
        { ["ABC"], "'ABC' is not a country code." },
        { ["-l", "0"], "--limit must be at least 1 (got 0)." },
        { ["-m", "0"], "--max-req must be at least 1 (got 0)." },
        { ["-m", "-3"], "--max-req must be at least 1 (got -3)." },
        { ["-l", "ten"], "--limit needs a whole number, not 'ten'." },
        { ["--retries", "0"], "--retries must be at least 1 (got 0)." },
        { ["--timeout", "soon"], "--timeout 'soon' is not a duration." },
        { ["--strategy", "fibers"], "'fibers' is not a strategy." },
        { ["-s", "NOWHERE"], "'NOWHERE' is not a server." },
        { ["-s", "ftp://127.0.0.1/flags"], "'ftp://127.0.0.1/flags' is not a usable server URL." },
        { ["-s", "http://127.0.0.1:70000/flags"], "'http://127.0.0.1:70000/flags' is not a usable server URL." },
        { ["--bogus"], "'--bogus' is not an option of flags." },
        { ["br", "-e"], "Give country codes, or -a, or -e: only one of them." },
        { ["-a", "-e"], "Give country codes, or -a, or -e: only one of them." },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(BadInputs))]
    public async Task Run_BadInput_OneLineExitTwoNoRequest(string[] args, string expected)
    {
        // Arrange: a real server whose log proves nothing was asked of it.
        var log = new StringWriter();
        await using var server = await Servers.LocalAsync(TextWriter.Synchronized(log));
        using var output = new TempDirectory();
        var hasServer = args.Contains("-s");
        string[] full = [.. args, "-o", output.Path, .. hasServer ? Array.Empty<string>() : ["-s", server.Url()]];

        // Act
        var run = await FlagsRun.RunAsync(full);

        // Assert
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.Equal("", log.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_OutputIsAFile_OneLineExitTwo()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "taken");
        await File.WriteAllTextAsync(file, "x");

        // Act
        var run = await FlagsRun.RunAsync(["br", "-o", file, "-s", server.Url()]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"--output '{file}' is a file. Give a folder (it is created if missing).", run.Error.Trim());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_OutputNotWritable_OneLineExitTwo()
    {
        // Arrange: a folder under a file can never be created, whoever runs the test (root ignores permissions).
        await using var server = await Servers.LocalAsync();
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "taken");
        await File.WriteAllTextAsync(file, "x");
        var below = Path.Combine(file, "sub");

        // Act
        var run = await FlagsRun.RunAsync(["br", "-o", below, "-s", server.Url()]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"Cannot write to --output '{below}':", run.Error.Trim(), StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact(Timeout = 30000)]
    public async Task Run_Help_ListsOptionsAndExitsZero()
    {
        // Act
        var run = await FlagsRun.RunAsync(["--help"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--all", "--every", "--limit", "--max-req", "--server", "--verbose", "--output", "--strategy", "--retries", "--timeout", "--skip-existing", "--json" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--retry-delay", run.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_ServeHelp_IsASubcommand()
    {
        // Act
        var run = await FlagsRun.RunAsync(["serve", "--help"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--mode", run.Output, StringComparison.Ordinal);
        Assert.Contains("--root", run.Output, StringComparison.Ordinal);
    }
}
