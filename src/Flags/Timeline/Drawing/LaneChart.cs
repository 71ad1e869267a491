namespace Flags.Timeline.Drawing;

/// <summary>
/// A waterfall of lanes: one row per lane (a worker, a slot), bars for what ran in it and when, a time axis with
/// round ticks, optional markers under the axis, a legend and summary lines. Every bar's group carries
/// <c>data-lane</c>, <c>data-t0</c> and <c>data-t1</c> (seconds), so tools and tests can read the chart back.
/// </summary>
internal sealed class LaneChart
{
    private const double Left = 84;
    private const double Right = 28;
    private const double Top = 92;

    /// <summary>The chart's heading.</summary>
    public required string Title { get; init; }

    /// <summary>A line under the heading; null for none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>How many lanes to draw (at least the highest lane of any bar, plus one).</summary>
    public required int LaneCount { get; init; }

    /// <summary>The name of lane <c>i</c>; the default value names them "slot 1", "slot 2", ...</summary>
    public Func<int, string> LaneName { get; init; } = static i => $"slot {i + 1}";

    /// <summary>The bars.</summary>
    public required IReadOnlyList<LaneBar> Bars { get; init; }

    /// <summary>Moments to mark under the axis. The default value is none.</summary>
    public IReadOnlyList<AxisMarker> Markers { get; init; } = [];

    /// <summary>What the markers mean, printed before them; null for none.</summary>
    public string? MarkerCaption { get; init; }

    /// <summary>The legend. The default value is none.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; init; } = [];

    /// <summary>Lines printed under the chart (counts, totals). The default value is none.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    /// <summary>Extra CSS for the bar and swatch classes.</summary>
    public string Css { get; init; } = "";

    /// <summary>The document's width in pixels. The default value is 1200.</summary>
    public double Width { get; init; } = 1200;

    /// <summary>A lane's height in pixels; null (the default) fits the lanes into about 600 pixels, 5 to 26 each.</summary>
    public double? LaneHeight { get; init; }

    /// <summary>Draws the chart.</summary>
    public string Render()
    {
        var laneHeight = LaneHeight ?? Math.Clamp(600.0 / Math.Max(1, LaneCount), 5, 26);
        var plotHeight = LaneCount * laneHeight;
        var plotWidth = Width - Left - Right;
        // 1% headroom past the last bar, so it does not touch the frame.
        var end = 1.01 * Math.Max(1e-6, Math.Max(Bars.Count == 0 ? 0 : Bars.Max(b => b.End), Markers.Count == 0 ? 0 : Markers.Max(m => m.Time)));
        var axisY = Top + plotHeight;
        var height = axisY + (Markers.Count == 0 ? 44 : 92) + (Summary.Count * 18) + 6;
        var svg = new SvgDocument(Width, height, Title, Css);
        double X(double t) => Left + (t / end * plotWidth);

        ChartFrame.Heading(svg, Title, Subtitle, Legend, Left);
        svg.BeginGroup("lanes", SvgDocument.Attribute("data-count", LaneCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var lane = 1; lane < LaneCount; lane += 2)
        {
            svg.Rect(Left, Top + (lane * laneHeight), plotWidth, laneHeight, "lane-odd");
        }

        svg.EndGroup();

        var step = AxisTicks.Step(end, (int)(plotWidth / 90));
        foreach (var tick in AxisTicks.Values(end, step))
        {
            svg.Line(X(tick), Top, X(tick), axisY, "grid");
            svg.Line(X(tick), axisY, X(tick), axisY + 5, "axis");
            svg.Text(X(tick), axisY + 18, AxisTicks.Seconds(tick, step), "tick", "middle");
        }

        LaneLabels(svg, laneHeight);
        foreach (var bar in Bars)
        {
            if (bar.LeadFrom is { } from && from < bar.Start)
            {
                var mid = Top + ((bar.Lane + 0.5) * laneHeight);
                svg.Line(X(from), mid, X(bar.Start), mid, "lead");
            }
        }

        foreach (var bar in Bars)
        {
            DrawBar(svg, bar, X, Top + (bar.Lane * laneHeight), laneHeight);
        }

        svg.Line(Left, axisY, Left + plotWidth, axisY, "axis");
        var y = Markers.Count > 0 ? DrawMarkers(svg, X, axisY) : axisY + 44;

        foreach (var line in Summary)
        {
            svg.Text(Left, y, line, "summary");
            y += 18;
        }

        return svg.ToString();
    }

    private void LaneLabels(SvgDocument svg, double laneHeight)
    {
        // Every lane is named when the rows are tall enough for text; otherwise every k-th, so names never collide.
        var every = laneHeight >= 11 ? 1 : (int)Math.Ceiling(11 / laneHeight);
        for (var lane = 0; lane < LaneCount; lane += every)
        {
            svg.Text(Left - 8, Top + ((lane + 0.5) * laneHeight) + 4, LaneName(lane), "lane-label", "end");
        }
    }

    private static void DrawBar(SvgDocument svg, LaneBar bar, Func<double, double> x, double laneTop, double laneHeight)
    {
        var top = laneTop + (laneHeight * 0.12);
        var height = laneHeight * 0.76;
        var attributes = SvgDocument.Attribute("data-lane", bar.Lane.ToString(System.Globalization.CultureInfo.InvariantCulture))
            + SvgDocument.Attribute("data-t0", bar.Start) + SvgDocument.Attribute("data-t1", bar.End) + bar.Attributes;
        svg.BeginGroup("bar " + bar.Class, attributes, bar.Tooltip);
        if (bar.Segments is { Count: > 0 } segments)
        {
            foreach (var segment in segments)
            {
                svg.Rect(x(segment.Start), top, x(segment.End) - x(segment.Start), height, segment.Class);
            }
        }
        else
        {
            // A bar too short to see (a call that returned at once) still gets a sliver; data-t0/t1 keep the truth.
            svg.Rect(x(bar.Start), top, Math.Max(2, x(bar.End) - x(bar.Start)), height, "whole");
        }

        var width = x(bar.End) - x(bar.Start);
        if (bar.Label is { } label && height >= 9 && SvgDocument.TextWidth(label, 10) + 6 <= width)
        {
            svg.Text(x(bar.Start) + 3, top + (height / 2) + 3.5, label, "label");
        }

        svg.EndGroup();
    }

    // Markers sit under the tick labels: a faint guide across the lanes, a triangle and a label in one of two rows
    // (a label that would touch the previous one in its row drops to the other).
    private double DrawMarkers(SvgDocument svg, Func<double, double> x, double axisY)
    {
        var headY = axisY + 28;
        var labelY = axisY + 48;
        if (MarkerCaption is not null)
        {
            svg.Text(Left - 32, labelY, MarkerCaption, "marker-label", "end");
        }

        var rowEnds = new[] { double.NegativeInfinity, double.NegativeInfinity };
        foreach (var marker in Markers.OrderBy(m => m.Time))
        {
            var mx = x(marker.Time);
            var half = SvgDocument.TextWidth(marker.Label, 11) / 2;
            var row = rowEnds[0] + 6 <= mx - half ? 0 : 1;
            rowEnds[row] = mx + half;
            svg.BeginGroup("axis-marker", SvgDocument.Attribute("data-t", marker.Time), marker.Tooltip);
            svg.Line(mx, Top, mx, axisY, "marker-guide");
            svg.Path(FormattableString.Invariant($"M{mx:0.##},{headY:0.##} l-5,8 h10 z"), "marker-head");
            svg.Text(mx, labelY + (row * 15), marker.Label, "marker-label", "middle");
            svg.EndGroup();
        }

        return labelY + 40;
    }
}
