using System.Text;
using System.Text.Json;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>
/// Text from the user or the network never drives the terminal: control characters are escaped, values are cut to a
/// readable length, passwords in URLs are masked; JSON keeps the full values, escaped by the JSON writer.
/// </summary>
public class HostileInputTests
{
    private const string Colours = "not\u001b[31mRED\u001b]2;PWNED\u0007url";

    private static void AssertTerminalSafe(string text)
    {
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\0', text);
        Assert.All(text.ReplaceLineEndings("\n").Split('\n'), line => Assert.True(line.Length <= 1000, $"A line of {line.Length} characters."));
    }

    [Theory(Timeout = 30000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fetch_HostileListLines_AreEscapedCutAndNeverRequested(bool verbose)
    {
        // Arrange: escape sequences, NUL bytes of a binary file, and a 1 MB line, with a server whose log proves no request.
        var log = new StringWriter();
        await using var server = await Servers.LocalAsync(TextWriter.Synchronized(log));
        using var folder = new TempDirectory();
        var list = Path.Combine(folder.Path, "list.bin");
        var bytes = Encoding.UTF8.GetBytes($"{Colours}\nGIF89a\0\0\u0001\u0002\0\nhttp\0://x\n{new string('x', 1_000_000)}\n");
        await File.WriteAllBytesAsync(list, bytes);
        string[] args = ["fetch", "-i", list, "-o", Path.Combine(folder.Path, "out"), .. verbose ? ["-v"] : Array.Empty<string>()];

        // Act
        var run = await FlagsRun.RunAsync(args);

        // Assert
        Assert.Equal(1, run.ExitCode);
        AssertTerminalSafe(run.Output + run.Error);
        Assert.Contains(@"'not\x1b[31mRED\x1b]2;PWNED\x07url' is not an http(s) URL", run.Output, StringComparison.Ordinal);
        Assert.Contains(@"GIF89a\x00\x00\x01\x02\x00", run.Output, StringComparison.Ordinal);
        Assert.Contains(new string('x', 200) + "…", run.Output, StringComparison.Ordinal);
        Assert.Contains("  4 errors.", run.OutputLines);
        Assert.Equal("", log.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_HostileLineWithJson_KeepsTheFullValueEscapedByTheJsonWriter()
    {
        // Arrange
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", Colours, "-o", folder.Path, "--json"]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        using var json = JsonDocument.Parse(run.Output);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(Colours, result.GetProperty("url").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Run_PasswordInServerUrl_IsMaskedInEveryLine()
    {
        // Arrange: port 1 refuses, so both the header and the "Cannot reach" line show the URL.
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["br", "-s", "http://user:s3cret@127.0.0.1:1/flags", "-o", folder.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("s3cret", run.Output + run.Error, StringComparison.Ordinal);
        Assert.StartsWith("Cannot reach http://user:***@127.0.0.1:1/flags: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("URL site: http://user:***@127.0.0.1:1/flags", run.OutputLines[0]);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_PasswordInUrl_IsMaskedInTheErrorLine()
    {
        // Arrange
        await using var server = new CountingHttpServer("404 Not Found");
        using var folder = new TempDirectory();
        var url = server.BaseUrl.Replace("http://", "http://me:hunter2@", StringComparison.Ordinal) + "/x.gif";

        // Act
        var run = await FlagsRun.RunAsync(["fetch", url, "-v", "-o", folder.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains(run.OutputLines, l => l.StartsWith("line 1: http://me:***@127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(" not found", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_HostileReasonPhrase_IsEscaped()
    {
        // Arrange: the server's status line carries an escape sequence that would set the terminal's title.
        await using var server = new CountingHttpServer("500 Oops\u001b]2;PWNED\u0007");
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", server.BaseUrl + "/x.gif", "-v", "--retries", "0", "-o", folder.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        AssertTerminalSafe(run.Output);
        Assert.Contains(@"HTTP 500 Oops\x1b]2;PWNED\x07 after 1 try", run.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_HostileCodeInServerList_IsEscapedInTheErrorLine()
    {
        // Arrange: a served root whose country_codes.txt holds an escape sequence.
        using var root = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(root.Path, "country_codes.txt"), "BR \u001b[31mXX\n");
        await using var server = await FlagServer.StartAsync(new FlagServerOptions { Mode = ServerMode.Local, Root = root.Path });
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-a", "-s", server.Url(), "-o", folder.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        AssertTerminalSafe(run.Error);
        Assert.Contains(@"holds '\x1b[31mXX', which is not a country code", run.Error, StringComparison.Ordinal);
    }
}
