using Flags.Tests.Support;

namespace Flags.Tests.Sharding;

/// <summary>The shard options and <c>flags report merge</c> in --help, in the style of the other commands.</summary>
public class ShardHelpTests
{
    [Fact(Timeout = 30000)]
    public async Task Help_Fetch_ListsTheShardOptionsWithPlaceholdersAndAnExample()
    {
        // Act
        var run = await FlagsRun.RunAsync(["fetch", "--help"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines;
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--shard <K/N>", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--shard-from-env ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("--shard-count <N>", StringComparison.Ordinal));
        var examples = Array.IndexOf(lines, "Examples:");
        var exitCodes = Array.IndexOf(lines, "Exit codes:");
        Assert.Contains(lines[examples..exitCodes], l => l.Contains("--shard 0/3", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30000)]
    public async Task Help_ReportMerge_ItsOwnUsageExamplesAndExitCodes()
    {
        // Act
        var merge = await FlagsRun.RunAsync(["report", "merge", "--help"]);
        var report = await FlagsRun.RunAsync(["report", "--help"]);

        // Assert
        Assert.Equal(0, merge.ExitCode);
        Assert.Contains("  flags report merge [<FILE>...] [options]", merge.OutputLines);
        Assert.Contains("Examples:", merge.OutputLines);
        Assert.Contains("Exit codes:", merge.OutputLines);
        Assert.Contains(merge.OutputLines, l => l.StartsWith("  -h, -?, --help", StringComparison.Ordinal));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("  flags report <command> [options]", report.OutputLines);
        Assert.Contains(report.OutputLines, l => l.StartsWith("  merge ", StringComparison.Ordinal));
    }
}
