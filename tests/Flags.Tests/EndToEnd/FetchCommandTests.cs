using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary><c>flags fetch LIST</c> against the embedded server: the same engine over a URL list.</summary>
public class FetchCommandTests
{
    public static TheoryData<string> Strategies => new() { "sequential", "threads", "futures", "async" };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Strategies))]
    public async Task Fetch_ListWithRepeatsAndMissing_SavesEachNameOnce(string strategy)
    {
        // Arrange: 60 requests for 3 distinct flags under distinct names, plus one 404.
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var baseUrl = server.Url().TrimEnd('/');
        var lines = Enumerable.Range(0, 60)
            .Select(i => $"{baseUrl}/{CountryCodes.All[i % 3].ToLowerInvariant()}/{CountryCodes.All[i % 3].ToLowerInvariant()}.gif?i={i} f{i}.gif")
            .Append($"{baseUrl}/zz/zz.gif")
            .ToList();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, lines);
        var folder = Path.Combine(output.Path, "out");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", list, "-o", folder, "--strategy", strategy, "-m", "8"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Fetching 61 files listed in {list}", run.OutputLines[0]);
        Assert.Contains(" 60 files downloaded.", run.OutputLines);
        Assert.Contains("  1 not found.", run.OutputLines);
        Assert.Equal(60, Directory.GetFiles(folder, "f*.gif").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.part"));
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_BadLine_OneLineExitTwo()
    {
        // Arrange
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, ["http://127.0.0.1:1/a.gif", "gopher://127.0.0.1/b.gif"]);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", list, "-o", output.Path]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{list} line 2:", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_MissingList_OneLineExitTwo()
    {
        // Arrange
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "absent.txt");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", list, "-o", output.Path]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"Cannot read the list '{list}':", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_ServerErrors_ExitOneWithTriesInJson()
    {
        // Arrange
        await using var server = await Servers.FailingAsync(1.0, FaultKind.Http500);
        using var output = new TempDirectory();
        var list = Path.Combine(output.Path, "list.txt");
        await File.WriteAllLinesAsync(list, [$"{server.Url().TrimEnd('/')}/br/br.gif"]);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", list, "-o", output.Path, "--json", "--retry-delay", "1ms"]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var result = Assert.Single(json.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(3, result.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500 Internal Server Error after 3 tries", result.GetProperty("error").GetString());
    }
}
