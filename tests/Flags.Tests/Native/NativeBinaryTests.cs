using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flags.Tests.Support;

namespace Flags.Tests.Native;

/// <summary>
/// A representative subset of the end-to-end behaviour, run against the published Native AOT executable: what the
/// trimmer or the AOT compiler could break (JSON, option parsing, Kestrel, signals) shows up here.
/// </summary>
public partial class NativeBinaryTests
{
    [GeneratedRegex(@"http://\S+")]
    private static partial Regex UrlPattern();

    private static FlagsProcess Start(params string[] args) => FlagsProcess.StartExecutable(NativeBinary.Path!, args);

    [NativeFact(Timeout = 60000)]
    public async Task Native_NoCodes_DownloadsPop20FromEmbeddedLocalServer()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act
        using var flags = Start("-o", output.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("LOCAL site: http://127.0.0.1:", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains(" 20 flags downloaded.", run.OutputLines);
        var gifs = output.Files("*.gif");
        Assert.Equal(20, gifs.Length);
        Assert.All(gifs, gif => Assert.Equal("GIF89a", Encoding.ASCII.GetString(File.ReadAllBytes(gif), 0, 6)));
        Assert.Empty(output.Files("*.part"));
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_DelayServerSmallSet_DownloadsEachCode()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act
        using var flags = Start("-s", "DELAY", "br", "cn", "us", "-o", output.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("DELAY site: http://127.0.0.1:", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Contains("  3 flags downloaded.", run.OutputLines);
        Assert.Equal(["br.gif", "cn.gif", "us.gif"], output.Files("*.gif").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_ServeErrorModeThenDownload_RetriesAndExitsOneWithErrorLine()
    {
        // Arrange: the native `serve` with every request failing (seeded), so the native client must retry and give up.
        using var output = new TempDirectory();
        using var server = Start("serve", "--port", "0", "--mode", "error", "--error-rate", "1", "--faults", "500", "--seed", "7", "--delay", "0ms");
        string banner = await server.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal));
        string url = UrlPattern().Match(banner).Value;

        // Act
        using var flags = Start("br", "-v", "--retries", "2", "--retry-delay", "1ms", "-s", url, "-o", output.Path);
        var run = await flags.WaitAsync();
        await server.TerminateAsync();
        var served = await server.WaitAsync();

        // Assert
        Assert.Contains("mode: error, 100% faults (500), seed 7", banner, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BR error: HTTP 500 Internal Server Error after 3 tries", run.OutputLines);
        Assert.Contains("  1 error.", run.OutputLines);
        Assert.Empty(output.Files());
        Assert.Equal(0, served.ExitCode);
        Assert.Contains("Server stopped.", served.OutputLines);
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_Json_WritesDocumentThatParses()
    {
        // Arrange
        using var output = new TempDirectory();

        // Act
        using var flags = Start("br", "xx", "--json", "-o", output.Path);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("LOCAL", root.GetProperty("server").GetString());
        Assert.Equal(2, root.GetProperty("requested").GetInt32());
        Assert.Equal(1, root.GetProperty("downloaded").GetInt32());
        Assert.Equal(1, root.GetProperty("notFound").GetInt32());
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("ok", results[0].GetProperty("status").GetString());
        Assert.Equal(new FileInfo(Path.Combine(output.Path, "br.gif")).Length, results[0].GetProperty("bytes").GetInt64());
        Assert.Equal("not_found", results[1].GetProperty("status").GetString());
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_UnknownOption_PrintsOneLineAndExitsTwo()
    {
        // Act
        using var flags = Start("br", "--no-such-option");
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_BadCode_PrintsOneLineAndExitsTwo()
    {
        // Act
        using var flags = Start("1X");
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("'1X' is not a country code.", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_Sigint_Exits130WithSummaryAndNoPartFiles()
    {
        // Arrange: the native server stalls every response mid-body, so a .part file proves downloads are in flight.
        using var output = new TempDirectory();
        using var watcher = new PartFileWatcher(output.Path);
        using var server = Start("serve", "--port", "0", "--mode", "error", "--error-rate", "1", "--faults", "stall", "--delay", "0ms");
        string url = UrlPattern().Match(await server.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal))).Value;
        using var flags = Start("br", "cn", "us", "--timeout", "60s", "-s", url, "-o", output.Path);

        // Act
        await watcher.WaitAsync();
        await flags.InterruptAsync();
        var run = await flags.WaitAsync();
        await server.TerminateAsync();
        await server.WaitAsync();

        // Assert
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Interrupted: 0 of 3 codes finished.", run.OutputLines);
        Assert.Empty(output.Files());
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_ServePortZero_PrintsUrlAndAnswers()
    {
        // Arrange
        using var server = Start("serve", "--port", "0");
        string url = UrlPattern().Match(await server.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal))).Value;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // Act
        using var response = await client.GetAsync(new Uri(url.TrimEnd('/') + "/br/br.gif"));
        byte[] gif = await response.Content.ReadAsByteArrayAsync();
        await server.TerminateAsync();
        var served = await server.WaitAsync();

        // Assert
        Assert.Equal("127.0.0.1", new Uri(url).Host);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(gif, 0, 6));
        Assert.Equal(0, served.ExitCode);
        Assert.Contains("Server stopped.", served.OutputLines);
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_FetchFromStandardInput_StreamsJsonWithEveryLine()
    {
        // Arrange: the streamed JSON (Utf8JsonWriter) and stdin reading, under Native AOT.
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var br = $"{server.Url().TrimEnd('/')}/br/br.gif";

        // Act
        using var flags = Start("fetch", "-i", "-", "-o", output.Path, "--json");
        await flags.Input.WriteLineAsync($"{br} ../up.gif");
        await flags.Input.WriteLineAsync("ftp://x");
        await flags.Input.WriteLineAsync(br);
        flags.Input.Close();
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var statuses = json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("status").GetString());
        Assert.Equal("ok", statuses[1]);
        Assert.Equal("error", statuses[2]);
        Assert.Equal("duplicate", statuses[3]);
        Assert.Equal([".._up.gif"], output.Files().Select(Path.GetFileName));
    }

    [NativeTheory(Timeout = 60000)]
    [InlineData(new[] { "br", "--timeout", "5" }, "--timeout must be between 10ms and 1 day (got 5ms).")]
    [InlineData(new[] { "-m", "99999999999999" }, "--max-req must be at most 1000 (got 99999999999999).")]
    [InlineData(new[] { "fetch", "http://127.0.0.1:1/x", "--mirror", "x" }, "'--mirror' is not an option of flags fetch.")]
    [InlineData(new[] { "BR", "serve" }, "'BR' belongs to flags, not to flags serve")]
    public async Task Native_BadOptionValue_OneLineExitTwoBeforeAnything(string[] args, string expected)
    {
        // Act
        using var flags = Start(args);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_PasswordInServerUrl_IsMasked()
    {
        // Act
        using var flags = Start("br", "-s", "http://user:s3cret@127.0.0.1:1/flags", "-o", Path.GetTempPath());
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("s3cret", run.Output + run.Error, StringComparison.Ordinal);
        Assert.StartsWith("Cannot reach http://user:***@127.0.0.1:1/flags: ", run.Error, StringComparison.Ordinal);
    }
}
