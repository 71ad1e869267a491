using Flags.Timeline;

namespace Flags.Tests.Timeline;

/// <summary>The per-try picture checked against the recording it was drawn from.</summary>
public class TimelineSvgTests
{
    public static TheoryData<int, int> Sizes => new() { { 20, 20 }, { 194, 30 }, { 676, 30 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Render_SeededRun_OneBarPerTryWithItsOutcomeAndOneLanePerSlot(int jobs, int slots)
    {
        // Arrange
        var timeline = SeededTimeline.Make(seed: jobs, jobs, slots);

        // Act
        var document = SvgChart.Parse(TimelineSvg.Render(timeline));

        // Assert: lanes are the peak in flight (found by an independent sweep), at most the slots.
        var peak = SeededTimeline.PeakInFlight(timeline);
        Assert.InRange(peak, 1, slots);
        Assert.Equal(peak, SvgChart.Lanes(document));
        var bars = SvgChart.Bars(document);
        Assert.Equal(timeline.Entries.Count, bars.Count);
        Assert.All(bars, bar => Assert.InRange(bar.Lane, 0, peak - 1));

        // Each bar is one recorded try, classed by how it ended: a failed try followed by another is "retried".
        var lastTry = timeline.Entries.GroupBy(e => e.Job).ToDictionary(g => g.Key, g => g.Max(e => e.Try));
        var expected = timeline.Entries.ToDictionary(
            e => (e.Job, e.Try),
            e => e.Outcome switch
            {
                TryOutcome.Ok => "ok",
                TryOutcome.NotFound => "notfound",
                _ => e.Try < lastTry[e.Job] ? "retried" : "error",
            });
        Assert.Equal(expected.OrderBy(p => p.Key), bars.ToDictionary(b => (b.Job, b.Try), b => b.Outcome).OrderBy(p => p.Key));
        Assert.Contains(bars, b => b.Outcome == "retried");
        Assert.Contains(bars, b => b.Outcome == "notfound");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Render_SeededRun_BarsNeverOverlapWithinALaneAndAJobKeepsItsLane(int jobs, int slots)
    {
        // Arrange
        var timeline = SeededTimeline.Make(seed: jobs + 1, jobs, slots);

        // Act
        var bars = SvgChart.Bars(SvgChart.Parse(TimelineSvg.Render(timeline)));

        // Assert
        foreach (var lane in bars.GroupBy(b => b.Lane))
        {
            var ordered = lane.OrderBy(b => b.T0).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i - 1].T1 <= ordered[i].T0,
                    $"Lane {lane.Key}: job {ordered[i - 1].Job} try {ordered[i - 1].Try} ends at {ordered[i - 1].T1} after job {ordered[i].Job} try {ordered[i].Try} starts at {ordered[i].T0}.");
            }
        }

        Assert.All(bars.GroupBy(b => b.Job), job => Assert.Single(job.Select(b => b.Lane).Distinct()));
    }

    [Fact]
    public void Render_SeededRun_PhaseRectanglesAreInOrderAndFillTheBar()
    {
        // Arrange
        var timeline = SeededTimeline.Make(seed: 7, jobs: 194, slots: 30);

        // Act
        var bars = SvgChart.Bars(SvgChart.Parse(TimelineSvg.Render(timeline)));

        // Assert: phase rectangles follow each other (ph1 connecting .. ph4 saving) and add up to the bar.
        Assert.All(bars, bar =>
        {
            var phases = bar.Rects.Where(r => r.Class.StartsWith("ph", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(phases);
            Assert.Equal(phases.OrderBy(p => p.Class, StringComparer.Ordinal).Select(p => p.Class), phases.Select(p => p.Class));
            for (var i = 1; i < phases.Count; i++)
            {
                Assert.Equal(phases[i - 1].X + phases[i - 1].Width, phases[i].X, 0.02);
            }

            var pixelsPerSecond = (phases[^1].X + phases[^1].Width - phases[0].X) / (bar.T1 - bar.T0);
            Assert.Equal(bar.T1 - bar.T0, phases.Sum(p => p.Width) / pixelsPerSecond, 1e-3);
        });
    }

    [Fact]
    public void Render_PastTheThreshold_SwitchesToAggregateCharts()
    {
        // Arrange
        var atThreshold = SeededTimeline.Make(seed: 3, jobs: 1000, slots: 64);
        var past = SeededTimeline.Make(seed: 3, jobs: 1001, slots: 64);

        // Act
        var lanes = SvgChart.Parse(TimelineSvg.Render(atThreshold));
        var aggregate = SvgChart.Parse(TimelineSvg.Render(past));

        // Assert
        Assert.Equal(atThreshold.Entries.Count, SvgChart.Bars(lanes).Count);
        Assert.Empty(SvgChart.Bars(aggregate));
        Assert.Empty(SvgChart.Groups(aggregate, "lanes"));
        Assert.Equal(["in-flight", "completions", "latency"],
            SvgChart.Groups(aggregate, "panel").Select(p => p.Attribute("data-panel")!.Value));
        Assert.Contains("1,001 downloads", aggregate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileLabel_StaysTextAndIsCut()
    {
        // Arrange: a name from the network with markup, a control character and a terminal escape.
        var stamps = new TryStamps { Queued = 10, Started = 10, FirstByte = 500_000, BodyEnd = 600_000, Ended = 700_000 };
        var label = "<script>alert(1)</script>\u0007\u001b[31m" + new string('x', 200);
        var timeline = new RecordedTimeline([new TimelineEntry(1, 1, label, TryOutcome.Error, "bad\u0000detail", stamps)], 0, 1_000_000);

        // Act
        var text = TimelineSvg.Render(timeline);
        var document = SvgChart.Parse(text);

        // Assert
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        var bar = Assert.Single(SvgChart.Bars(document));
        Assert.NotNull(bar.Label);
        Assert.True(bar.Label.Length <= 24, bar.Label);
        Assert.StartsWith("<script>", bar.Label, StringComparison.Ordinal);
        Assert.Contains("bad\uFFFDdetail", bar.Tooltip, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task WriteFileAsync_NewPath_WritesWholeSvgAndNoPartFile()
    {
        // Arrange
        using var folder = new Support.TempDirectory();
        var path = Path.Combine(folder.Path, "run.svg");

        // Act
        await TimelineSvg.WriteFileAsync(path, SeededTimeline.Make(seed: 1, jobs: 5, slots: 2));

        // Assert
        Assert.Equal(5, SvgChart.Bars(SvgChart.Parse(await File.ReadAllTextAsync(path))).Select(b => b.Job).Distinct().Count());
        Assert.Empty(folder.Files("*.part"));
    }
}
