using System.Text.Json;
using Flags.Tests.Support;

namespace Flags.Tests.Sharding;

/// <summary><c>flags report merge</c> over real shard reports of one list.</summary>
public class ReportMergeTests
{
    private static readonly string[] Totals = ["requested", "downloaded", "notFound", "skipped", "duplicates", "renamed", "errors", "bytes"];

    [Fact(Timeout = 120000)]
    public async Task Report_MergeOfAllShards_GivesTheUnshardedTotals()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();
        var whole = await fixture.FetchAsync(lines);
        var shards = await fixture.FetchShardsAsync(lines, 3);

        // Act: in another order than the shards'.
        var run = await FlagsRun.RunAsync(["report", "merge", shards[2].ReportPath, shards[0].ReportPath, shards[1].ReportPath]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var merged = JsonDocument.Parse(run.Output).RootElement;
        foreach (var name in Totals)
        {
            Assert.Equal(whole.Json.GetProperty(name).GetInt64(), merged.GetProperty(name).GetInt64());
        }

        Assert.Equal(whole.Json.GetProperty("exitCode").GetInt32(), merged.GetProperty("exitCode").GetInt32());
        Assert.Equal(3, merged.GetProperty("shards").GetProperty("count").GetInt32());
        Assert.Equal([0, 1, 2], merged.GetProperty("shards").GetProperty("merged").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty(merged.GetProperty("shards").GetProperty("missing").EnumerateArray());
        Assert.Equal(
            whole.ResultUrls().Order(),
            merged.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!).Order());
    }

    [Fact(Timeout = 120000)]
    public async Task Report_MergeWithAShardMissing_WarnsAndNamesIt()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();
        var zero = await fixture.FetchAsync(lines, "--shard", "0/3");
        var two = await fixture.FetchAsync(lines, "--shard", "2/3");

        // Act
        var run = await FlagsRun.RunAsync(["report", "merge", zero.ReportPath, two.ReportPath]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Warning: shard 1 of 3 missing: the merged report covers only part of the list.", run.Error.TrimEnd());
        var merged = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal([1], merged.GetProperty("shards").GetProperty("missing").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(
            zero.Json.GetProperty("downloaded").GetInt32() + two.Json.GetProperty("downloaded").GetInt32(),
            merged.GetProperty("downloaded").GetInt32());
    }

    [Fact(Timeout = 120000)]
    public async Task Report_MergeOfBadFiles_OneLineEachAndExit2()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines().Take(10).ToList();
        var whole = await fixture.FetchAsync(lines);
        var shard = await fixture.FetchAsync(lines, "--shard", "0/2");
        var missing = Path.Combine(fixture.Root, "nope.json");
        var broken = Path.Combine(fixture.Root, "broken.json");
        await File.WriteAllTextAsync(broken, "{\"command\": \"fetch\", \"results\": [");

        // Act
        var run = await FlagsRun.RunAsync(["report", "merge", shard.ReportPath, missing, broken, whole.ReportPath]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var errors = run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, errors.Length);
        Assert.StartsWith($"Cannot read the report '{missing}':", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"'{broken}' is not a JSON report", errors[1], StringComparison.Ordinal);
        Assert.StartsWith($"'{whole.ReportPath}' is not a shard report of flags fetch", errors[2], StringComparison.Ordinal);
    }

    [Fact(Timeout = 120000)]
    public async Task Report_MergeOfOtherSplitsOrTheSameShardTwice_Exit2()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines().Take(10).ToList();
        var ofTwo = await fixture.FetchAsync(lines, "--shard", "0/2");
        var ofThree = await fixture.FetchAsync(lines, "--shard", "1/3");

        // Act
        var mixed = await FlagsRun.RunAsync(["report", "merge", ofTwo.ReportPath, ofThree.ReportPath]);
        var twice = await FlagsRun.RunAsync(["report", "merge", ofTwo.ReportPath, ofTwo.ReportPath]);
        var none = await FlagsRun.RunAsync(["report", "merge"]);

        // Assert
        Assert.Equal(2, mixed.ExitCode);
        Assert.Equal("", mixed.Output);
        Assert.StartsWith("The reports are not shards of one split:", mixed.Error, StringComparison.Ordinal);
        Assert.Equal(2, twice.ExitCode);
        Assert.StartsWith("Shard 0/2 is given twice:", twice.Error, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("Nothing to merge.", none.Error, StringComparison.Ordinal);
    }
}
