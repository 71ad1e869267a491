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
        { ["--retries", "-1"], "--retries must be at least 0 (got -1)." },
        { ["--retries", "101"], "--retries must be at most 100 (got 101)." },
        { ["--timeout", "soon"], "'soon' is not a time for --timeout." },
        { ["--timeout", "5"], "--timeout must be between 10ms and 1 day (got 5ms)." },
        { ["--timeout", "9ms"], "--timeout must be between 10ms and 1 day (got 9ms)." },
        { ["--timeout", "0.5"], "--timeout must be between 10ms and 1 day (got 0.5ms)." },
        { ["--timeout", "90000s"], "--timeout must be between 10ms and 1 day (got 90000s)." },
        { ["-m", "99999999999999"], "--max-req must be at most 1000 (got 99999999999999)." },
        { ["-m", "1001"], "--max-req must be at most 1000 (got 1001)." },
        { ["--", "-a"], "'-a' is not a country code." },
        { ["br", "--checksum", "x"], "'--checksum' is not an option of flags." },
        { ["BR", "serve"], "'BR' belongs to flags, not to flags serve" },
        { ["-m", "5", "fetch", "{url}"], "'-m' belongs to flags, not to flags fetch" },
        { ["not\u001b[31mRED\u001b]2;PWNED\u0007"], "'not\\x1b[31mRED\\x1b]2;PWNED\\x07' is not a country code." },
        { ["--strategy", "fibers"], "'fibers' is not a strategy." },
        { ["-s", "NOWHERE"], "'NOWHERE' is not a server." },
        { ["-s", "ftp://127.0.0.1/flags"], "'ftp://127.0.0.1/flags' is not a usable server URL." },
        { ["-s", "http://127.0.0.1:70000/flags"], "'http://127.0.0.1:70000/flags' is not a usable server URL." },
        { ["--bogus"], "'--bogus' is not an option of flags." },
        { ["fetch", "{url}", "--mirror", "x"], "'--mirror' is not an option of flags fetch." },
        { ["fetch", "{url}", "--timeout", "5ms"], "--timeout must be between 10ms and 1 day (got 5ms)." },
        { ["fetch", "{url}", "--max-per-host", "0"], "--max-per-host must be at least 1 (got 0)." },
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
        // A URL in the arguments is one the logging server would answer; flags gets -s pointing at it too.
        var url = server.Url().TrimEnd('/') + "/br/br.gif";
        var subcommand = args.Contains("fetch") || args.Contains("serve");
        var noServer = args.Contains("-s") || subcommand;
        string[] full = [.. args.Select(a => a.Replace("{url}", url, StringComparison.Ordinal)), .. subcommand ? Array.Empty<string>() : ["-o", output.Path], .. noServer ? Array.Empty<string>() : ["-s", server.Url()]];

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
