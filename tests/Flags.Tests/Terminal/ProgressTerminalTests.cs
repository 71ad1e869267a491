using System.Globalization;
using System.Text.RegularExpressions;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.Terminal;

/// <summary>Progress as a user sees it: the real program under a pseudo-terminal (util-linux script).</summary>
public partial class ProgressTerminalTests
{
    [GeneratedRegex(@"Elapsed time: (\d+\.\d+)s")]
    private static partial Regex ElapsedPattern();

    private static Task<FlagServer> DelayServerAsync() =>
        FlagServer.StartAsync(new FlagServerOptions { Mode = ServerMode.Delay, Delay = TimeSpan.FromMilliseconds(100) });

    [Fact(Timeout = 90000)]
    public async Task Fetch_StderrIsATerminal_ShowsAStatusLineAtMostTenTimesASecondThenClearsIt()
    {
        // Arrange: 40 files, 4 at once, each held 100 ms: about a second of progress.
        await using var server = await DelayServerAsync();
        using var folder = new TempDirectory();
        var list = Path.Combine(folder.Path, "urls.txt");
        await File.WriteAllLinesAsync(list, Enumerable.Range(0, 40).Select(i => $"{server.Url().TrimEnd('/')}/br/br.gif?i={i} file{i}.gif"));
        var output = Path.Combine(folder.Path, "out");

        // Act
        var (exit, screen) = await PseudoTerminal.RunAsync("fetch", "-i", list, "-o", output, "-m", "4");

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains(" 40 files downloaded.", screen, StringComparison.Ordinal);
        Assert.Equal(40, Directory.GetFiles(output).Length);
        var frames = Regex.Matches(screen, @"\r\[ [\d,]+ done, [\d,]+ failed \| [^\r]*?\x1b\[K").Select(m => m.Value).ToList();
        Assert.NotEmpty(frames);
        Assert.Contains(frames, f => f.Contains("file", StringComparison.Ordinal)); // the names in flight
        Assert.Contains(frames, f => f.Contains("/s |", StringComparison.Ordinal)); // the rate
        var elapsed = double.Parse(ElapsedPattern().Match(screen).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(frames.Count <= (elapsed * 10) + 2, $"{frames.Count} frames in {elapsed}s: more than 10 a second.");
        var cleared = screen.LastIndexOf("\r\x1b[2K", StringComparison.Ordinal);
        Assert.True(cleared > screen.LastIndexOf("\x1b[K", StringComparison.Ordinal), "The status line was not cleared at the end.");
        Assert.True(cleared < screen.IndexOf("--------------------", StringComparison.Ordinal), "The summary was printed before the line was cleared.");
    }

    [Fact(Timeout = 90000)]
    public async Task Flags_StderrIsATerminal_ShowsTheProgressBarToTheEnd()
    {
        // Arrange
        await using var server = await DelayServerAsync();
        using var folder = new TempDirectory();

        // Act
        var (exit, screen) = await PseudoTerminal.RunAsync("br", "cn", "us", "de", "fr", "-m", "1", "-s", server.Url(), "-o", folder.Path);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("100%", screen, StringComparison.Ordinal);
        Assert.Contains("flags", screen, StringComparison.Ordinal);
        Assert.Contains("  5 flags downloaded.", screen, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Fetch_StderrNotATerminal_PrintsPlainLinesOnly()
    {
        // Arrange
        await using var server = await DelayServerAsync();
        using var folder = new TempDirectory();

        // Act
        using var flags = FlagsProcess.Start("fetch", $"{server.Url().TrimEnd('/')}/br/br.gif", $"{server.Url().TrimEnd('/')}/cn/cn.gif", "-o", folder.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain('\x1b', run.Output);
        Assert.Contains("  2 files downloaded.", run.OutputLines);
    }
}
