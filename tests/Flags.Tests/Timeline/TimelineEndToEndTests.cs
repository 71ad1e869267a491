using Flags.Server;
using Flags.Tests.Support;
using Flags.Timeline;

namespace Flags.Tests.Timeline;

/// <summary>
/// Real downloads from the embedded server on 127.0.0.1, recorded as they happen and drawn. Set TIMELINE_SVG_DIR to
/// keep the pictures (docs/images/timeline-delay.svg is made this way).
/// </summary>
public class TimelineEndToEndTests
{
    [Fact(Timeout = 120_000)]
    public async Task ErrorRun_Seeded_PictureMatchesEveryRequestAndOutcome()
    {
        // Arrange: a quarter of requests fail (HTTP errors, resets, short bodies); three codes do not exist.
        await using var server = await FlagServer.StartAsync(new FlagServerOptions
        {
            Mode = ServerMode.Error,
            ErrorRate = 0.25,
            Faults = new HashSet<FaultKind> { FaultKind.Http500, FaultKind.Http503, FaultKind.ResetMidBody, FaultKind.ShortBody },
            Delay = TimeSpan.FromMilliseconds(80),
            Seed = 42,
        });
        using var folder = new TempDirectory();
        var recorder = new TimelineRecorder();
        using var run = new RecordedRun(recorder, concurrency: 8);
        string[] codes = [.. CountryCodes.All.Take(57), "QQ", "XX", "ZZ"];

        // Act
        var outcomes = await run.RunAsync(server.BaseUrl, codes, folder.Path, CancellationToken.None);
        var svg = TimelineSvg.Render(recorder.Snapshot(), new TimelineSvgOptions { Title = "flags timeline: ERROR, 60 codes, 8 at once" });
        await KeptPictures.KeepAsync("timeline-error-60.svg", svg);
        var document = SvgChart.Parse(svg);
        var bars = SvgChart.Bars(document);

        // Assert: a bar per request made, a job per code, each job's last bar classed as its outcome.
        Assert.Equal(run.Requests, bars.Count);
        Assert.Equal(codes.Length, bars.Select(b => b.Job).Distinct().Count());
        Assert.InRange(SvgChart.Lanes(document), 2, 8);
        foreach (var (code, outcome) in outcomes)
        {
            var bar = bars.Where(b => b.Tooltip!.StartsWith(code + " ", StringComparison.Ordinal)).MaxBy(b => b.Try)!;
            Assert.Equal(outcome switch { TryOutcome.Ok => "ok", TryOutcome.NotFound => "notfound", _ => "error" }, bar.Outcome);
        }

        Assert.Equal(3, outcomes.Count(o => o.Value == TryOutcome.NotFound));
        Assert.Contains(bars, b => b.Outcome == "retried");
        Assert.Equal(outcomes.Count(o => o.Value == TryOutcome.Ok), folder.Files("*.gif").Length);
        Assert.Empty(folder.Files("*.part"));
        foreach (var lane in bars.GroupBy(b => b.Lane))
        {
            var ordered = lane.OrderBy(b => b.T0).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.First.T1 <= pair.Second.T0, "Bars overlap in a lane."));
        }

        var png = await Rsvg.RenderAsync(svg);
        Assert.Equal(SvgChart.DeclaredSize(document), (png.Width, png.Height));
    }

    [Fact(Timeout = 120_000)]
    public async Task DelayRun_AllFlags_EveryTryWaitsTheHeldResponseForItsFirstByte()
    {
        // Arrange: the book's DELAY run, 194 flags, 30 at once, every response held 500 ms.
        await using var server = await FlagServer.StartAsync(new FlagServerOptions { Mode = ServerMode.Delay });
        using var folder = new TempDirectory();
        var recorder = new TimelineRecorder();
        using var run = new RecordedRun(recorder, concurrency: 30) { Timeout = TimeSpan.FromSeconds(30) };

        // Act
        var outcomes = await run.RunAsync(server.BaseUrl, CountryCodes.All, folder.Path, CancellationToken.None);
        var timeline = recorder.Snapshot();
        var svg = TimelineSvg.Render(timeline, new TimelineSvgOptions
        {
            Title = "flags -s DELAY -a: 194 flags, 30 at once",
            Subtitle = "Each response is held 500 ms by the server: 30 lanes of work overlap, seven rounds in all.",
            Notes = [$"Recorded as it happened by the test DelayRun_AllFlags_* on {Environment.ProcessorCount} cores{LoadAverage()}."],
        });
        await KeptPictures.KeepAsync("timeline-delay.svg", svg);
        var document = SvgChart.Parse(svg);

        // Assert: 30 lanes, a bar per request (a try that failed on a loaded machine is retried and drawn too), every
        // flag ends ok, and every answered try waited at least the server's hold for its first byte. Measured from the
        // try's start: a new connection's stamps go to the request that opened it, and under load the handler can
        // send that request on another connection that came free first, so "connected" may come after the send.
        Assert.All(outcomes.Values, o => Assert.Equal(TryOutcome.Ok, o));
        Assert.Equal(30, SvgChart.Lanes(document));
        var bars = SvgChart.Bars(document);
        Assert.Equal(run.Requests, bars.Count);
        Assert.Equal(194, bars.Select(b => b.Job).Distinct().Count());
        Assert.All(bars.GroupBy(b => b.Job), job => Assert.Equal("ok", job.MaxBy(b => b.Try)!.Outcome));
        Assert.All(timeline.Entries.Where(e => e.Outcome == TryOutcome.Ok), e => Assert.InRange(timeline.Phases(e).FirstByte - timeline.Phases(e).Started, 0.49, 30));

        // The first 30 opened their own connections; the later ones reused them (unless a failure closed one).
        Assert.InRange(timeline.Entries.Count(e => e.Stamps.ConnectEnd != 0), 30, 30 + bars.Count(b => b.Outcome == "retried"));
    }

    // The machine's load stretches the bars; the picture says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";
}
