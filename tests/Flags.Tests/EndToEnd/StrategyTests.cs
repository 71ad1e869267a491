using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>Every strategy, run through the real entry point against the embedded server, gives the same outcomes.</summary>
public class StrategyTests
{
    public static TheoryData<string> Strategies => new() { "sequential", "threads", "futures", "async" };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Run_PrefixesABC_Downloads43AndFinds35Missing(string strategy)
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["a", "b", "c", "-s", server.Url(), "-o", output.Path, "--strategy", strategy]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(" 43 flags downloaded.", run.OutputLines);
        Assert.Contains(" 35 not found.", run.OutputLines);
        Assert.Equal(43, output.Files("*.gif").Length);
        Assert.Empty(output.Files("*.part"));
        Assert.True(File.Exists(Path.Combine(output.Path, "br.gif")));
        Assert.Equal("", run.Error);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Run_Verbose_PrintsOneLinePerCode(string strategy)
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["br", "xx", "cn", "-v", "-s", server.Url(), "-o", output.Path, "--strategy", strategy]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("BR OK", run.OutputLines);
        Assert.Contains("CN OK", run.OutputLines);
        Assert.Contains("XX not found", run.OutputLines);
        Assert.Equal(3, run.OutputLines.Count(l => l is "BR OK" or "CN OK" or "XX not found"));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Run_ConcurrencyAboveCodes_IsCappedAtTheCodeCount(string strategy)
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["br", "cn", "us", "-m", "1000", "-s", server.Url(), "-o", output.Path, "--strategy", strategy]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        var expected = strategy == "sequential" ? "1 connection will be used." : "3 concurrent connections will be used.";
        Assert.Contains(expected, run.OutputLines);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Run_ErrorServerEveryRequestFails_EveryCodeIsOneErrorAfterThreeTries(string strategy)
    {
        // Arrange
        await using var server = await Servers.FailingAsync(1.0, Flags.Server.FaultKind.Http500);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(
            ["br", "cn", "xx", "-v", "-s", server.Url(), "-o", output.Path, "--strategy", strategy, "--retry-delay", "1ms"]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BR error: HTTP 500 Internal Server Error after 3 tries", run.OutputLines);
        Assert.Contains("CN error: HTTP 500 Internal Server Error after 3 tries", run.OutputLines);
        Assert.Contains("XX error: HTTP 500 Internal Server Error after 3 tries", run.OutputLines);
        Assert.Contains("  3 errors.", run.OutputLines);
        Assert.Empty(output.Files());
    }
}
