using System.Text.Json;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary><c>flags fetch</c> against the embedded server: the same engine over URLs from arguments, files and stdin.</summary>
public class FetchCommandTests
{
    public static TheoryData<string> Strategies => new() { "sequential", "threads", "futures", "async" };

    private static string Flag(FlagServer server, string cc) => $"{server.Url().TrimEnd('/')}/{cc}/{cc}.gif";

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Fetch_ListWithNamesDuplicateAndMissing_EachOutcomeCounted(string strategy)
    {
        // Arrange: 60 distinct URLs under given names, one repeated URL, one 404.
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var lines = Enumerable.Range(0, 60)
            .Select(i => $"{Flag(server, CountryCodes.All[i % 3].ToLowerInvariant())}?i={i} f{i}.gif")
            .Append($"{Flag(server, CountryCodes.All[0].ToLowerInvariant())}?i=0")
            .Append(Flag(server, "zz"))
            .ToList();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, lines);
        var folder = Path.Combine(output.Path, "out");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", folder, "--strategy", strategy, "-m", "8"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Fetching the URLs of {list}", run.OutputLines[0]);
        Assert.Contains(" 60 files downloaded.", run.OutputLines);
        Assert.Contains("  1 not found.", run.OutputLines);
        Assert.Contains("  1 duplicate line (fetched once).", run.OutputLines);
        Assert.Equal(60, Directory.GetFiles(folder, "f*.gif").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.part"));
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_UrlArguments_SavesUnderLastSegment()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", Flag(server, "br"), Flag(server, "cn"), "-o", output.Path, "-v"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Fetching the URLs of 2 URL arguments", run.OutputLines[0]);
        Assert.Equal("2 concurrent connections will be used.", run.OutputLines[1]);
        Assert.Contains("line 1: br.gif OK", run.OutputLines);
        Assert.Contains("line 2: cn.gif OK", run.OutputLines);
        Assert.True(File.Exists(Path.Combine(output.Path, "br.gif")));
        Assert.True(File.Exists(Path.Combine(output.Path, "cn.gif")));
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_StandardInput_ReadsTheList()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var input = new StringReader($"# from a pipe\n{Flag(server, "br")} brazil.gif\n\n{Flag(server, "in")}\n");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-o", output.Path], input);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Fetching the URLs of standard input", run.OutputLines[0]);
        Assert.Contains("  2 files downloaded.", run.OutputLines);
        Assert.True(File.Exists(Path.Combine(output.Path, "brazil.gif")));
        Assert.True(File.Exists(Path.Combine(output.Path, "in.gif")));
    }

    [Fact(Timeout = 60000)]
    public async Task Fetch_StandardInputOfRealProcess_ReadsUntilEndOfFile()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        using var process = FlagsProcess.Start("fetch", "-i", "-", "-o", output.Path, "--json");

        // Act
        await process.Input.WriteLineAsync(Flag(server, "br"));
        await process.Input.WriteLineAsync(Flag(server, "cn"));
        process.Input.Close();
        var run = await process.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("downloaded").GetInt32());
        Assert.Equal("standard input", json.RootElement.GetProperty("source").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_MalformedLines_CountedAsErrorsRestDownloaded()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, [Flag(server, "br"), "# comment", "ftp://x", "not a url at all", Flag(server, "cn")]);
        var folder = Path.Combine(output.Path, "out");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", folder]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3: 'ftp://x' is not an http(s) URL", run.OutputLines);
        Assert.Contains("line 4: 'not' is not an http(s) URL", run.OutputLines);
        Assert.Contains("  2 files downloaded.", run.OutputLines);
        Assert.Contains("  2 errors.", run.OutputLines);
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_MissingInputFile_OneLineExitTwoBeforeAnyRequest()
    {
        // Arrange
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "absent.txt");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", output.Path]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"Cannot read the list '{list}':", line, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_InputIsAFolder_OneLineExitTwo()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", output.Path, "-o", Path.Combine(output.Path, "out")]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"Cannot read the list '{output.Path}':", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_NoUrls_UsageError()
    {
        // Act
        var run = await FlagsRun.RunAsync(["fetch"]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Nothing to fetch.", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_HostileNames_NothingWrittenOutsideOutputFolder()
    {
        // Arrange: the output folder is nested so anything escaping it would land in its parent.
        await using var server = await Servers.LocalAsync();
        using var root = new TempDirectory();
        var folder = Path.Combine(root.Path, "out");
        var br = Flag(server, "br");
        var list = Path.Combine(root.Path, "list.txt");
        await File.WriteAllLinesAsync(list, [
            $"{br}?1 ../escaped.gif",
            $"{br}?2 ..",
            $"{br}?3 a/b.gif",
            $"{br}?4 {root.Path}/absolute.gif",
            $"{br}?5 ..\\win.gif",
            $"{server.Url().TrimEnd('/')}/br/%2e%2e%2fdotdot.gif",
            $"{br}?7 tab\u0001ctl.gif",
        ]);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", folder, "--json", "--retries", "0"]);

        // Assert: every line saved inside the folder under a sanitised name, reported as renamed.
        using var json = JsonDocument.Parse(run.Output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(7, results.Count);

        // Kestrel refuses the encoded slash (400), so that line is an error; its name is still the sanitised one.
        Assert.Equal(".._dotdot.gif", results.Single(r => r.GetProperty("line").GetInt32() == 6).GetProperty("file").GetString());
        Assert.All(results, r => Assert.True(r.TryGetProperty("requestedName", out _), r.ToString()));
        Assert.Equal(
            ["list.txt", "out"],
            Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var saved = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(".._escaped.gif", saved);
        Assert.Contains("__", saved);
        Assert.Contains("a_b.gif", saved);
        Assert.Contains(".._win.gif", saved);
        Assert.Contains("tab_ctl.gif", saved);
        Assert.Equal(6, saved.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_SameNameFromTwoUrls_SecondRenamedAndReported()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", $"{Flag(server, "br")}?a", $"{Flag(server, "br")}?b", "-o", output.Path, "-v", "-m", "1"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("line 1: br.gif OK", run.OutputLines);
        Assert.Contains("line 2: br.1.gif OK (renamed from 'br.gif')", run.OutputLines);
        Assert.Contains("  1 renamed (unsafe or taken name).", run.OutputLines);
        Assert.True(File.Exists(Path.Combine(output.Path, "br.1.gif")));
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_Json_ListsEveryLineOutcome()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, [Flag(server, "br"), Flag(server, "zz"), "gopher://x/y", Flag(server, "br"), Flag(server, "cn")]);
        File.WriteAllBytes(Path.Combine(output.Path, "cn.gif"), [1]);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", output.Path, "--json", "--skip-existing"]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var byLine = json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("status").GetString());
        Assert.Equal("ok", byLine[1]);
        Assert.Equal("not_found", byLine[2]);
        Assert.Equal("error", byLine[3]);
        Assert.Equal("duplicate", byLine[4]);
        Assert.Equal("skipped", byLine[5]);
        Assert.Equal(5, json.RootElement.GetProperty("requested").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_ServerErrors_ExitOneWithTriesInJson()
    {
        // Arrange
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Http500);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", Flag(server, "br"), "-o", output.Path, "--json", "--retry-delay", "1ms"]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(3, result.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500 Internal Server Error after 3 tries", result.GetProperty("error").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_MaxPerHost_NeverMoreConnectionsThanTheCap()
    {
        // Arrange: 40 downloads, 8 in flight, one host.
        await using var server = new CountingHttpServer();
        using var output = new TempDirectory();
        var urls = Enumerable.Range(0, 40).Select(i => $"{server.BaseUrl}/f{i}.txt").ToArray();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", .. urls, "-o", output.Path, "-m", "8", "--max-per-host", "2"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("8 concurrent connections will be used, at most 2 per host.", run.OutputLines[1]);
        Assert.Equal(40, Directory.GetFiles(output.Path).Length);
        Assert.InRange(server.PeakOpen, 1, 2);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_Gone410_CountedAsNotFoundWithoutRetry()
    {
        // Arrange
        await using var server = new CountingHttpServer("410 Gone");
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", $"{server.BaseUrl}/old.bin", "-o", output.Path, "--json"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("not_found", result.GetProperty("status").GetString());
        Assert.Equal(1, result.GetProperty("attempts").GetInt32());
        Assert.Empty(Directory.GetFiles(output.Path));
    }
}
