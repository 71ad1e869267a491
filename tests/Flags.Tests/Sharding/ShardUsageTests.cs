using Flags.Tests.Support;

namespace Flags.Tests.Sharding;

/// <summary>Every bad shard value is one usage line and exit 2, before any folder is made or request is sent.</summary>
public class ShardUsageTests
{
    [Theory(Timeout = 30000)]
    [InlineData("0/0", "--shard 0/0: the number of shards must be at least 1")]
    [InlineData("3/2", "--shard 3/2: the shard index is 0-based and must be 0 to 1.")]
    [InlineData("2/2", "--shard 2/2: the shard index is 0-based and must be 0 to 1.")]
    [InlineData("-1/4", "--shard -1/4: the shard index is 0-based and must be 0 to 3.")]
    [InlineData("abc", "'abc' is not a shard for --shard.")]
    [InlineData("1", "'1' is not a shard for --shard.")]
    [InlineData("1/", "'1/' is not a shard for --shard.")]
    [InlineData("1/3/4", "'1/3/4' is not a shard for --shard.")]
    [InlineData("1.5/3", "'1.5/3' is not a shard for --shard.")]
    [InlineData("0/100001", "--shard 0/100001: the number of shards must be at most 100000.")]
    public async Task Shard_BadValue_OneUsageLine(string value, string message)
    {
        // Arrange
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "out");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "http://127.0.0.1:9/a.gif", "-o", folder, "--shard", value]);

        // Assert
        AssertOneUsageLine(run, message, folder);
    }

    [Theory(Timeout = 30000)]
    [InlineData(null, "--shard-from-env --shard-count 3", "--shard-from-env needs the environment variable JOB_COMPLETION_INDEX")]
    [InlineData("", "--shard-from-env --shard-count 3", "--shard-from-env needs the environment variable JOB_COMPLETION_INDEX")]
    [InlineData("abc", "--shard-from-env --shard-count 3", "JOB_COMPLETION_INDEX is 'abc', not a whole number.")]
    [InlineData("3", "--shard-from-env --shard-count 3", "JOB_COMPLETION_INDEX=3 with --shard-count 3: the shard index is 0-based and must be 0 to 2.")]
    [InlineData("-1", "--shard-from-env --shard-count 3", "JOB_COMPLETION_INDEX=-1 with --shard-count 3: the shard index is 0-based")]
    [InlineData("0", "--shard-from-env", "--shard-from-env needs --shard-count N")]
    [InlineData("0", "--shard-from-env --shard-count 0", "--shard-count must be at least 1 (got 0).")]
    [InlineData("0", "--shard-count 3", "--shard-count is for --shard-from-env.")]
    [InlineData("0", "--shard 0/3 --shard-from-env --shard-count 3", "Give --shard K/N or --shard-from-env, not both.")]
    public async Task ShardFromEnv_BadValueOrMix_OneUsageLine(string? variable, string options, string message)
    {
        // Arrange
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "out");
        var environment = variable is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = variable };

        // Act
        var run = await ShardFixture.RunWithEnvironmentAsync(
            ["fetch", "http://127.0.0.1:9/a.gif", "-o", folder, .. options.Split(' ')], environment);

        // Assert
        AssertOneUsageLine(run, message, folder);
    }

    private static void AssertOneUsageLine(FlagsRun run, string message, string folder)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }
}
