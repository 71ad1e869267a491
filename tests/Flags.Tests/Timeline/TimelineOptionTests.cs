using System.Text.Json;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.Timeline;

/// <summary>
/// --timeline FILE.svg through the real command line (FlagsApp in-process) against the embedded server on 127.0.0.1:
/// the picture is recorded by the engine itself, and every bar is checked against the JSON outcomes of the same run.
/// </summary>
public class TimelineOptionTests
{
    [Fact(Timeout = 120_000)]
    public async Task Flags_SeededErrorRun_BarsMatchTheJsonOutcomes()
    {
        // Arrange: a quarter of the requests fail (HTTP errors, resets, short bodies); three codes do not exist.
        await using var server = await FlagServer.StartAsync(new FlagServerOptions
        {
            Mode = ServerMode.Error,
            ErrorRate = 0.25,
            Faults = new HashSet<FaultKind> { FaultKind.Http500, FaultKind.Http503, FaultKind.ResetMidBody, FaultKind.ShortBody },
            Delay = TimeSpan.FromMilliseconds(20),
            Seed = 42,
        });
        using var folder = new TempDirectory();
        var picture = Path.Combine(folder.Path, "run.svg");
        string[] codes = [.. CountryCodes.All.Take(37), "QQ", "XX", "ZZ"];

        // Act
        var run = await FlagsRun.RunAsync(
            [.. codes, "--json", "-m", "8", "--retries", "2", "--retry-delay", "1ms", "-s", server.Url(), "-o", Path.Combine(folder.Path, "out"), "--timeline", picture],
            timeoutSeconds: 100);

        // Assert: one job per code, a bar per request the JSON counts, each job's last bar classed as its status.
        Assert.Empty(run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var results = json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => (Status: r.GetProperty("status").GetString()!, Attempts: r.GetProperty("attempts").GetInt32()));
        Assert.Equal(codes.Length, results.Count);
        var svg = await File.ReadAllTextAsync(picture);
        await KeptPictures.KeepAsync("timeline-cli-error.svg", svg);
        var document = SvgChart.Parse(svg);
        var bars = SvgChart.Bars(document);
        Assert.Equal(results.Values.Sum(r => r.Attempts), bars.Count);
        Assert.InRange(SvgChart.Lanes(document), 1, 8);
        var byCode = bars.GroupBy(b => b.Tooltip!.Split(' ')[0]).ToDictionary(g => g.Key, g => g.OrderBy(b => b.Try).ToList());
        Assert.Equal(results.Keys.Order(), byCode.Keys.Order());
        foreach (var (code, result) in results)
        {
            var tries = byCode[code];
            Assert.Equal(Enumerable.Range(1, result.Attempts), tries.Select(b => b.Try));
            Assert.Equal(result.Status switch { "ok" => "ok", "not_found" => "notfound", _ => "error" }, tries[^1].Outcome);
            Assert.All(tries.SkipLast(1), b => Assert.Equal("retried", b.Outcome));
            Assert.Single(tries.Select(b => b.Job).Distinct());
        }

        Assert.Equal(3, results.Values.Count(r => r.Status == "not_found"));
        Assert.Contains(bars, b => b.Outcome == "retried");
        foreach (var lane in bars.GroupBy(b => b.Lane))
        {
            var ordered = lane.OrderBy(b => b.T0).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.T1 <= pair.Second.T0, "Bars overlap in a lane."));
        }

        var summary = json.RootElement;
        Assert.Contains($"{summary.GetProperty("downloaded").GetInt32()} flags downloaded.", svg, StringComparison.Ordinal);
        Assert.Empty(folder.Files("*.part"));
        var png = await Rsvg.RenderAsync(svg);
        Assert.Equal(SvgChart.DeclaredSize(document), (png.Width, png.Height));
    }

    [Fact(Timeout = 60_000)]
    public async Task Fetch_Timeline_DrawsEachUrlWithItsOutcome()
    {
        // Arrange: three flags and one missing file, from the LOCAL server.
        await using var server = await Servers.LocalAsync();
        using var folder = new TempDirectory();
        var picture = Path.Combine(folder.Path, "fetch.svg");
        string[] urls = [.. new[] { "br", "cn", "in", "qq" }.Select(cc => $"{server.Url()}/{cc}/{cc}.gif")];

        // Act
        var run = await FlagsRun.RunAsync(["fetch", .. urls, "--json", "-o", Path.Combine(folder.Path, "out"), "--timeline", picture]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        var document = SvgChart.Parse(await File.ReadAllTextAsync(picture));
        var bars = SvgChart.Bars(document);
        Assert.Equal(4, bars.Count);
        Assert.Equal(["notfound", "ok", "ok", "ok"], bars.Select(b => b.Outcome).Order());
        Assert.Equal("notfound", bars.Single(b => b.Tooltip!.StartsWith("qq.gif ", StringComparison.Ordinal)).Outcome);
        Assert.Contains("fetch timeline:", document.Root!.Value, StringComparison.Ordinal);
        Assert.Empty(folder.Files("*.part"));
    }

    [Theory(Timeout = 30_000)]
    [InlineData("missing/run.svg", "Cannot write the timeline '{0}/missing/run.svg': the folder '{0}/missing' does not exist. Create it or give another path.")]
    [InlineData("", "--timeline '{0}' is a folder. Give a file name in it, e.g. --timeline {0}/run.svg.")]
    public async Task Timeline_UnusablePath_OneUsageLineBeforeAnyRequest(string name, string message)
    {
        // Arrange
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var folder = new TempDirectory();
        var path = name.Length == 0 ? folder.Path : $"{folder.Path}/{name}";

        foreach (var command in new[] { new[] { "BR", "-s", server.Url() }, ["fetch", $"{server.Url()}/br/br.gif"] })
        {
            // Act
            var run = await FlagsRun.RunAsync([.. command, "-o", Path.Combine(folder.Path, "out"), "--timeline", path]);

            // Assert
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, folder.Path) + Environment.NewLine, run.Error);
            Assert.Empty(run.Output);
        }

        Assert.Empty(log.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact(Timeout = 30_000)]
    public async Task Timeline_FolderThatTakesNoFile_IsAUsageError()
    {
        // Arrange: /proc exists on Linux but no file can be created in it (as root too).
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);

        // Act
        var run = await FlagsRun.RunAsync(["BR", "-s", server.Url(), "--timeline", "/proc/run.svg"]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Cannot write the timeline '/proc/run.svg': no file can be created in '/proc' (it does not take new files). Give a path in a folder you can write to.{Environment.NewLine}", run.Error);
        Assert.Empty(log.ToString());
    }
}
