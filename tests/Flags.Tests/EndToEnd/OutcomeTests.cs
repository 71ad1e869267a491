using System.Diagnostics;
using System.Text.Json;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>Each kind of outcome, with the default (async) strategy, through the real entry point.</summary>
public class OutcomeTests
{
    [Fact(Timeout = 30000)]
    public async Task Run_NoCodesLocalLabel_StartsEmbeddedServerAndGetsPop20()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("LOCAL site: http://127.0.0.1:", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("Searching for 20 flags: from BD to VN", run.OutputLines[1]);
        Assert.Equal("20 concurrent connections will be used.", run.OutputLines[2]);
        Assert.Equal("--------------------", run.OutputLines[3]);
        Assert.Equal(" 20 flags downloaded.", run.OutputLines[4]);
        Assert.Matches(@"^Elapsed time: \d+\.\d\ds$", run.OutputLines[5]);
        Assert.Equal(20, output.Files("*.gif").Length);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_AllFromServerList_GetsEveryListedCode()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-a", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Searching for {CountryCodes.All.Count} flags: from {CountryCodes.All[0]} to {CountryCodes.All[^1]}", run.OutputLines[1]);
        Assert.Contains($"{CountryCodes.All.Count,3} flags downloaded.", run.OutputLines);
        Assert.Equal(CountryCodes.All.Count, output.Files("*.gif").Length);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_EveryWithLimit_TakesFirstCodesAfterSorting()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-e", "-l", "30", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal("Searching for 30 flags: from AA to BD", run.OutputLines[1]);
        var downloaded = output.Files("*.gif").Length;
        Assert.Contains($"{downloaded,3} flags downloaded.", run.OutputLines);
        Assert.Contains($"{30 - downloaded,3} not found.", run.OutputLines);
    }

    [Fact(Timeout = 60000)]
    public async Task Run_Every_FindsEachServedCodeAndMissesTheRest()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-e", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{CountryCodes.All.Count,3} flags downloaded.", run.OutputLines);
        Assert.Contains($"{676 - CountryCodes.All.Count,3} not found.", run.OutputLines);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_Json_WritesOneDocumentWithEveryCode()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["br", "xx", "--json", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("requested").GetInt32());
        Assert.Equal(1, root.GetProperty("downloaded").GetInt32());
        Assert.Equal(1, root.GetProperty("notFound").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("BR", results[0].GetProperty("code").GetString());
        Assert.Equal("ok", results[0].GetProperty("status").GetString());
        Assert.Equal(new FileInfo(Path.Combine(output.Path, "br.gif")).Length, results[0].GetProperty("bytes").GetInt64());
        Assert.Equal("not_found", results[1].GetProperty("status").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_ErrorsOnHalfTheRequestsWithSeed_RetriesUntilEveryCodeIsSaved()
    {
        // Arrange: sequential, so the seeded server sees the same request order every run.
        await using var server = await Servers.FailingAsync(0.5, FaultKind.Http500, FaultKind.ShortBody, FaultKind.ResetMidBody);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(
            ["--json", "--strategy", "sequential", "--retries", "11", "--retry-delay", "1ms", "-s", server.Url(), "-o", output.Path]);

        // Assert
        AssertAllSavedAfterRetries(run, output, 20);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_TriesThatTimeOut_AreRetriedUntilEveryCodeIsSaved()
    {
        // Arrange: the seeded server stalls half its answers; a first try cut off by --timeout goes on into the retries.
        await using var server = await Servers.FailingAsync(0.5, FaultKind.Stall);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(
            ["--json", "--strategy", "sequential", "-l", "6", "--retries", "11", "--retry-delay", "1ms", "--timeout", "200ms",
             "-s", server.Url(), "-o", output.Path]);

        // Assert
        AssertAllSavedAfterRetries(run, output, 6);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_503WithRetryAfter_WaitsAsAskedBetweenTries()
    {
        // Arrange: the server's 503 says Retry-After: 1; the backoff alone would be 1 ms.
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Http503);
        using var output = new TempDirectory();
        var clock = Stopwatch.StartNew();

        // Act
        var run = await FlagsRun.RunAsync(["br", "-v", "--retries", "1", "--retry-delay", "1ms", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BR error: HTTP 503 Service Unavailable after 2 tries", run.OutputLines);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retry-After ignored: took {clock.Elapsed}.");
    }

    [Theory(Timeout = 30000)]
    [InlineData(FaultKind.ShortBody, "BR error: connection closed before the body was complete after 2 tries")]
    [InlineData(FaultKind.ResetMidBody, "BR error: Connection reset by peer after 2 tries")]
    [InlineData(FaultKind.Stall, "BR error: no complete answer within 0.3s after 2 tries")]
    public async Task Run_BrokenBody_IsAnErrorAndLeavesNoFile(FaultKind fault, string expectedLine)
    {
        // Arrange
        await using var server = await Servers.FailingAsync(1.0, fault);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(
            ["br", "-v", "--retries", "1", "--retry-delay", "1ms", "--timeout", "300ms", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expectedLine, run.OutputLines);
        Assert.Empty(output.Files());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_SkipExisting_SkipsSavedFilesWithoutRequests()
    {
        // Arrange
        var log = new StringWriter();
        await using var server = await Servers.LocalAsync(TextWriter.Synchronized(log));
        using var output = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(output.Path, "br.gif"), "kept");

        // Act
        var run = await FlagsRun.RunAsync(["br", "cn", "--skip-existing", "-v", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("BR skipped (already downloaded)", run.OutputLines);
        Assert.Contains("CN OK", run.OutputLines);
        Assert.Contains("  1 skipped (already downloaded).", run.OutputLines);
        Assert.Equal("kept", await File.ReadAllTextAsync(Path.Combine(output.Path, "br.gif")));
        Assert.DoesNotContain("/br/", log.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_ExistingFileWithoutSkip_IsReplaced()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var target = Path.Combine(output.Path, "br.gif");
        await File.WriteAllTextAsync(target, "old");

        // Act
        var run = await FlagsRun.RunAsync(["br", "-s", server.Url(), "-o", output.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("GIF8", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_MissingOutputFolder_IsCreated()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var nested = Path.Combine(output.Path, "a", "b");

        // Act
        var run = await FlagsRun.RunAsync(["br", "-s", server.Url(), "-o", nested]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(nested, "br.gif")));
    }

    [Fact(Timeout = 30000)]
    public async Task Run_UnreachableServer_OneLineEveryCodeAnErrorExitOne()
    {
        // Arrange: a server that was started and stopped leaves a closed loopback port.
        var server = await Servers.LocalAsync();
        var url = server.Url();
        await server.DisposeAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["br", "cn", "us", "-s", url, "-o", output.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        var errorLines = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errorLines);
        Assert.StartsWith($"Cannot reach {url.TrimEnd('/')}: Connection refused.", line, StringComparison.Ordinal);
        Assert.Contains("  3 errors.", run.OutputLines);
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Run_ErrorLabel_StartsEmbeddedErrorServerAndAccountsForEveryCode()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act: the ERROR label's faults are random; whatever happens, each code gets exactly one outcome.
        var run = await FlagsRun.RunAsync(["-s", "ERROR", "-e", "-l", "40", "--json", "--retry-delay", "1ms", "--timeout", "2s", "-o", output.Path]);

        // Assert
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("ERROR", root.GetProperty("server").GetString());
        var codes = root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
        Assert.Equal(CountryCodesAaToBn(), codes);
        Assert.Equal(40, root.GetProperty("downloaded").GetInt32() + root.GetProperty("notFound").GetInt32() + root.GetProperty("errors").GetInt32());
        Assert.Equal(root.GetProperty("errors").GetInt32() > 0 ? 1 : 0, run.ExitCode);
        Assert.Empty(output.Files("*.part"));
    }

    /// <summary>A --json run that saved all <paramref name="codes"/> codes, some of them only after a retry, and left no .part.</summary>
    private static void AssertAllSavedAfterRetries(FlagsRun run, TempDirectory output, int codes)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(codes, results.Count);
        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("status").GetString()));
        Assert.Contains(results, r => r.GetProperty("attempts").GetInt32() > 1);
        Assert.Equal(codes, output.Files("*.gif").Length);
        Assert.Empty(output.Files("*.part"));
    }

    private static List<string> CountryCodesAaToBn() =>
        Flags.Commands.CountryCodeSelection.Every().Take(40).ToList();
}
