using System.Globalization;
using System.Text;
using Flags.Timeline.Drawing;

namespace Flags.Timeline;

/// <summary>
/// The picture for big runs, where a bar per try would be a blur: three panels over the same downloads, downloads in
/// flight over time (the peak within each pixel column), completions per interval stacked by outcome, and the
/// latency distribution (first try's start to last try's end) with its median, 90th and 99th percentiles.
/// Panels are groups of class <c>panel</c> with <c>data-panel</c> = <c>in-flight</c>, <c>completions</c>, <c>latency</c>.
/// </summary>
internal static class TimelineAggregateView
{
    private const double Left = 84;
    private const double Right = 28;
    private const double Top = 92;
    private const double PlotHeight = 150;
    private const double PanelHeight = PlotHeight + 86;

    private const string Css =
        ".inflight{fill:#4e79a7;fill-opacity:.35;stroke:#4e79a7;stroke-width:1}" +
        TimelineLaneView.OutcomeColors + ".latency{fill:#4e79a7}" +
        ".pct{stroke:#6a3d9a;stroke-width:1.5;stroke-dasharray:4 3}.pct-label{font-size:11px;fill:#6a3d9a}" +
        ".panel-title{font-size:13px;font-weight:bold}";

    /// <summary>Draws the three panels for <paramref name="jobs"/>.</summary>
    public static string Render(IReadOnlyList<TimelineJob> jobs, int lanes, TimelineSvgOptions options)
    {
        var width = options.Width;
        var plotWidth = width - Left - Right;
        var height = Top + (3 * PanelHeight) + 26 + (options.Notes.Count * 18);
        var svg = new SvgDocument(width, height, options.Title, Css);
        ChartFrame.Heading(svg, options.Title, options.Subtitle ?? "Aggregate view: too many downloads for a bar each.",
            [new("ok", "ok"), new("notfound", "not found"), new("error", "error"), new("inflight", "in flight")], Left);
        var end = Math.Max(1e-6, jobs.Count == 0 ? 0 : jobs.Max(j => j.End));

        InFlight(svg, jobs, end, Top, plotWidth);
        Completions(svg, jobs, end, Top + PanelHeight, plotWidth);
        Latency(svg, jobs, Top + (2 * PanelHeight), plotWidth);

        var y = Top + (3 * PanelHeight) + 8;
        foreach (var line in (IEnumerable<string>)[TimelineSummary.Line(jobs, lanes), .. options.Notes])
        {
            svg.Text(Left, y, line, "summary");
            y += 18;
        }

        return svg.ToString();
    }

    private static void InFlight(SvgDocument svg, IReadOnlyList<TimelineJob> jobs, double end, double top, double plotWidth)
    {
        var columns = Math.Max(1, (int)plotWidth);
        var peak = new int[columns];
        var events = new (double Time, int Delta)[jobs.Count * 2];
        for (var i = 0; i < jobs.Count; i++)
        {
            events[2 * i] = (jobs[i].Start, 1);
            events[(2 * i) + 1] = (jobs[i].End, -1);
        }

        // Ends sort before starts at the same time, as lanes are reused on touching bars.
        Array.Sort(events, static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        int current = 0, column = 0;
        foreach (var (time, delta) in events)
        {
            var at = Math.Min(columns - 1, (int)(time / end * columns));
            for (; column < at; column++)
            {
                peak[column + 1] = current;
            }

            current += delta;
            peak[at] = Math.Max(peak[at], current);
        }

        var max = Math.Max(1, peak.Max());
        var plotTop = Panel(svg, "Downloads in flight", "in-flight", top, 0, max, plotWidth, count: true);
        double Y(double v) => plotTop + PlotHeight - (v / max * PlotHeight);
        var path = new StringBuilder(columns * 24);
        path.Append(CultureInfo.InvariantCulture, $"M{Left:0.##},{Y(0):0.##}");
        for (var c = 0; c < columns; c++)
        {
            path.Append(CultureInfo.InvariantCulture, $"V{Y(peak[c]):0.##}H{Left + c + 1:0.##}");
        }

        path.Append(CultureInfo.InvariantCulture, $"V{Y(0):0.##}Z");
        svg.Path(path.ToString(), "inflight");
        TimeAxis(svg, end, plotTop + PlotHeight, plotWidth);
    }

    private static void Completions(SvgDocument svg, IReadOnlyList<TimelineJob> jobs, double end, double top, double plotWidth)
    {
        var interval = AxisTicks.Step(end, 80);
        var bins = Math.Max(1, (int)Math.Ceiling(end / interval));
        var counts = new int[bins, 3];
        foreach (var job in jobs)
        {
            var bin = Math.Min(bins - 1, (int)(job.End / interval));
            counts[bin, job.Outcome switch { TryOutcome.Ok => 0, TryOutcome.NotFound => 1, _ => 2 }]++;
        }

        var max = 1;
        for (var b = 0; b < bins; b++)
        {
            max = Math.Max(max, counts[b, 0] + counts[b, 1] + counts[b, 2]);
        }

        var plotTop = Panel(svg, $"Completions per {AxisTicks.Duration(interval)}", "completions", top, 0, max, plotWidth, count: true);
        var scaleEnd = bins * interval;
        var barWidth = plotWidth / bins;
        string[] classes = ["ok", "notfound", "error"];
        for (var b = 0; b < bins; b++)
        {
            var y = plotTop + PlotHeight;
            for (var k = 0; k < 3; k++)
            {
                var h = counts[b, k] / (double)max * PlotHeight;
                if (h > 0)
                {
                    svg.Rect(Left + (b * barWidth) + 0.5, y - h, Math.Max(0.5, barWidth - 1), h, classes[k]);
                    y -= h;
                }
            }
        }

        TimeAxis(svg, scaleEnd, plotTop + PlotHeight, plotWidth);
    }

    private static void Latency(SvgDocument svg, IReadOnlyList<TimelineJob> jobs, double top, double plotWidth)
    {
        var latencies = jobs.Select(j => j.End - j.Start).Order().ToArray();
        double Percentile(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        var p99 = Percentile(0.99);
        var maxLatency = latencies.Length == 0 ? 1e-3 : latencies[^1];

        // The range stops a little past the 99th percentile, so one straggler does not squash the rest; later ones
        // fall in the last bin.
        var range = Math.Max(1e-6, maxLatency <= p99 * 1.5 ? maxLatency : p99 * 1.2);
        var step = AxisTicks.Step(range, 10);
        var scaleEnd = Math.Ceiling(range / step) * step;
        const int Bins = 60;
        var counts = new int[Bins];
        foreach (var latency in latencies)
        {
            counts[Math.Min(Bins - 1, (int)(latency / scaleEnd * Bins))]++;
        }

        var max = Math.Max(1, counts.Max());
        var title = $"Latency (first try's start to last try's end) · p50 {AxisTicks.Duration(Percentile(0.5))} · p90 {AxisTicks.Duration(Percentile(0.9))} · p99 {AxisTicks.Duration(p99)} · max {AxisTicks.Duration(maxLatency)}";
        var plotTop = Panel(svg, title, "latency", top, 0, max, plotWidth, count: true);
        var barWidth = plotWidth / Bins;
        for (var b = 0; b < Bins; b++)
        {
            var h = counts[b] / (double)max * PlotHeight;
            if (h > 0)
            {
                svg.Rect(Left + (b * barWidth) + 0.5, plotTop + PlotHeight - h, barWidth - 1, h, "latency",
                    $"{AxisTicks.Duration(b * scaleEnd / Bins)}-{AxisTicks.Duration((b + 1) * scaleEnd / Bins)}: {counts[b]}");
            }
        }

        foreach (var (name, q) in (ReadOnlySpan<(string, double)>)[("p50", 0.5), ("p90", 0.9), ("p99", 0.99)])
        {
            var value = Percentile(q);
            var x = Left + (Math.Min(value, scaleEnd) / scaleEnd * plotWidth);
            svg.Line(x, plotTop - 2, x, plotTop + PlotHeight, "pct");
            svg.Text(x, plotTop - 5, name, "pct-label", "middle");
        }

        svg.Line(Left, plotTop + PlotHeight, Left + plotWidth, plotTop + PlotHeight, "axis");
        foreach (var tick in AxisTicks.Values(scaleEnd, step))
        {
            var x = Left + (tick / scaleEnd * plotWidth);
            svg.Line(x, plotTop + PlotHeight, x, plotTop + PlotHeight + 5, "axis");
            svg.Text(x, plotTop + PlotHeight + 18, AxisTicks.Seconds(tick, step), "tick", "middle");
        }

        svg.EndGroup();
    }

    // Opens the panel's group (closed by the caller's axis), draws its title, count axis and grid; returns the plot's top.
    private static double Panel(SvgDocument svg, string title, string name, double top, double min, double max, double plotWidth, bool count)
    {
        svg.BeginGroup("panel", SvgDocument.Attribute("data-panel", name));
        svg.Text(Left, top + 20, title, "panel-title");
        var plotTop = top + 40;
        var step = Math.Max(count ? 1 : 0, AxisTicks.Step(max - min, 4));
        foreach (var tick in AxisTicks.Values(max, step))
        {
            var y = plotTop + PlotHeight - (tick / max * PlotHeight);
            svg.Line(Left, y, Left + plotWidth, y, "grid");
            svg.Text(Left - 8, y + 4, AxisTicks.Number(tick), "tick", "end");
        }

        svg.Line(Left, plotTop, Left, plotTop + PlotHeight, "axis");
        return plotTop;
    }

    private static void TimeAxis(SvgDocument svg, double end, double y, double plotWidth)
    {
        svg.Line(Left, y, Left + plotWidth, y, "axis");
        var step = AxisTicks.Step(end, (int)(plotWidth / 90));
        foreach (var tick in AxisTicks.Values(end, step))
        {
            var x = Left + (tick / end * plotWidth);
            svg.Line(x, y, x, y + 5, "axis");
            svg.Text(x, y + 18, AxisTicks.Seconds(tick, step), "tick", "middle");
        }

        svg.EndGroup();
    }
}
