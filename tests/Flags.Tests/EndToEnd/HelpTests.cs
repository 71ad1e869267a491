using System.Text.RegularExpressions;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>--help a user can trust: the command's own usage, each default once, examples, exit codes, completions.</summary>
public partial class HelpTests
{
    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Placeholder();

    [Theory(Timeout = 30000)]
    [InlineData("fetch")]
    [InlineData("serve")]
    public async Task Help_Subcommand_NeverShowsTheRootsCodes(string command)
    {
        // Act
        var run = await FlagsRun.RunAsync([command, "--help"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"  flags {command} ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<CC>", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("flags [<CC>...]", run.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30000)]
    [InlineData("")]
    [InlineData("fetch")]
    public async Task Help_DownloadCommands_DefaultsOnceInOneStyleThenExamplesAndExitCodes(string command)
    {
        // Act
        var run = await FlagsRun.RunAsync(command.Length == 0 ? ["--help"] : [command, "--help"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("[default:", run.Output, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(run.Output, "Default: 30\\."));
        Assert.Single(Regex.Matches(run.Output, "Default: 10s\\."));
        Assert.Single(Regex.Matches(run.Output, "Default: 2 \\(three tries\\)\\."));
        // Help wraps at the widest option's column, so compare with line breaks as spaces.
        Assert.Contains("0 = none, as curl's --retry", Regex.Replace(run.Output, "\\s+", " "), StringComparison.Ordinal);
        var examples = run.Output.IndexOf("\nExamples:\n", StringComparison.Ordinal);
        var exitCodes = run.Output.IndexOf("\nExit codes:\n", StringComparison.Ordinal);
        Assert.True(examples > 0 && exitCodes > examples, "Examples, then exit codes, must end the help.");
        Assert.Contains("  130  interrupted", run.Output, StringComparison.Ordinal);
        var allowed = new HashSet<string> { "<N>", "<TIME>", "<URL>", "<FILE>", "<DIR>", "<CC>", "<STRATEGY>", "<SERVER>", "<command>", "<CHECKSUM>", "<DIGEST>", "<RATE>", "<K/N>" };
        Assert.All(Placeholder().Matches(run.Output).Select(m => m.Value), p => Assert.Contains(p, allowed));
        Assert.DoesNotContain("--retry-delay", run.Output, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30000)]
    [InlineData("flags -s ", new[] { "DELAY", "ERROR", "LOCAL", "REMOTE" })]
    [InlineData("flags --strategy ", new[] { "async", "futures", "sequential", "threads" })]
    [InlineData("flags fetch --strategy ", new[] { "async", "futures", "sequential", "threads" })]
    public async Task Suggest_OptionValues_OffersTheNamesTheDocsUse(string line, string[] expected)
    {
        // Act: what dotnet-suggest asks the program for when Tab is pressed at the end of the line.
        var run = await FlagsRun.RunAsync([$"[suggest:{line.Length}]", line]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutputLines);
    }
}
