using System.Text.Json;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>flags and flags fetch run through the one pipeline: the same input gives the same counts and JSON shape.</summary>
public class PipelineParityTests
{
    private static string[] Properties(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Theory(Timeout = 30000)]
    [InlineData("async")]
    [InlineData("futures")]
    public async Task Json_SameCodesThroughBothCommands_SameCountsAndShape(string strategy)
    {
        // Arrange: BR and CN exist, XX and QQ do not (404).
        await using var server = await Servers.LocalAsync();
        using var flagsOut = new TempDirectory();
        using var fetchOut = new TempDirectory();
        string[] codes = ["br", "cn", "qq", "xx"];
        var urls = codes.Select(c => $"{server.Url().TrimEnd('/')}/{c}/{c}.gif");

        // Act
        var flags = await FlagsRun.RunAsync([.. codes, "--json", "--strategy", strategy, "-s", server.Url(), "-o", flagsOut.Path]);
        var fetch = await FlagsRun.RunAsync(["fetch", .. urls, "--json", "--strategy", strategy, "-o", fetchOut.Path]);

        // Assert
        Assert.Equal(0, flags.ExitCode);
        Assert.Equal(0, fetch.ExitCode);
        using var a = JsonDocument.Parse(flags.Output);
        using var b = JsonDocument.Parse(fetch.Output);
        string[] counts = ["requested", "downloaded", "notFound", "skipped", "duplicates", "renamed", "errors", "bytes", "interrupted", "exitCode"];
        foreach (var name in counts)
        {
            Assert.Equal(a.RootElement.GetProperty(name).ToString(), b.RootElement.GetProperty(name).ToString());
        }

        Assert.Equal(2, a.RootElement.GetProperty("downloaded").GetInt32());
        Assert.Equal(2, a.RootElement.GetProperty("notFound").GetInt32());
        var shared = Properties(a.RootElement).Intersect(Properties(b.RootElement)).ToList();
        string[] expected = ["command", "strategy", "concurrency", "results", .. counts, "elapsedSeconds"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), shared.Order(StringComparer.Ordinal));

        // Each result has the same fields in both, plus the code in the flags run.
        var flagsResult = a.RootElement.GetProperty("results")[0];
        var fetchResult = b.RootElement.GetProperty("results").EnumerateArray().First(r => r.GetProperty("file").GetString() == "br.gif");
        Assert.Equal(["code", .. Properties(fetchResult)], Properties(flagsResult));
        Assert.Equal(fetchResult.GetProperty("bytes").GetInt64(), flagsResult.GetProperty("bytes").GetInt64());
    }

    [Fact(Timeout = 30000)]
    public async Task Text_SameCodesThroughBothCommands_SameSummaryCounts()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var flagsOut = new TempDirectory();
        using var fetchOut = new TempDirectory();
        string[] codes = ["br", "cn", "xx"];

        // Act
        var flags = await FlagsRun.RunAsync([.. codes, "-s", server.Url(), "-o", flagsOut.Path]);
        var fetch = await FlagsRun.RunAsync(["fetch", .. codes.Select(c => $"{server.Url().TrimEnd('/')}/{c}/{c}.gif"), "-o", fetchOut.Path]);

        // Assert: the same summary printer, with each command's noun.
        Assert.Contains("  2 flags downloaded.", flags.OutputLines);
        Assert.Contains("  2 files downloaded.", fetch.OutputLines);
        Assert.Contains("  1 not found.", flags.OutputLines);
        Assert.Contains("  1 not found.", fetch.OutputLines);
    }
}
