namespace Flags.Timeline.Drawing;

/// <summary>
/// Horizontal bars, grouped: one block per row (a workload, a client), one bar per series inside it (sequential,
/// thread pool, process pool), so peers sit side by side on one value axis. Each bar's rectangle carries
/// <c>data-value</c> and the series class <c>s0</c>, <c>s1</c>, ...
/// </summary>
internal sealed class BarChart
{
    private const double Right = 150;
    private const double Top = 92;
    private const double BarHeight = 17;
    private const double BarGap = 3;
    private const double GroupGap = 13;

    /// <summary>The chart's heading.</summary>
    public required string Title { get; init; }

    /// <summary>A line under the heading; null for none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The series' names, shown in the legend (none for a single unnamed series).</summary>
    public required IReadOnlyList<string> Series { get; init; }

    /// <summary>The rows.</summary>
    public required IReadOnlyList<BarGroup> Groups { get; init; }

    /// <summary>Formats a value for its label and the axis; the default value prints the number.</summary>
    public Func<double, string> Format { get; init; } = AxisTicks.Number;

    /// <summary>The value axis' caption, e.g. "seconds (less is better)".</summary>
    public string? AxisCaption { get; init; }

    /// <summary>Lines printed under the chart. The default value is none.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// Scale each row to its own largest value (for rows in different units); the value axis then has no ticks and
    /// the labels carry the numbers. The default value is false: one axis for all.
    /// </summary>
    public bool ScalePerGroup { get; init; }

    /// <summary>The legend; null (the default) lists the series when there are two or more.</summary>
    public IReadOnlyList<LegendEntry>? Legend { get; init; }

    /// <summary>The document's width in pixels. The default value is 1000.</summary>
    public double Width { get; init; } = 1000;

    /// <summary>Draws the chart.</summary>
    public string Render()
    {
        var bars = Math.Max(1, Series.Count);
        var left = Math.Clamp(Groups.Count == 0 ? 0 : Groups.Max(g => SvgDocument.TextWidth(g.Name, 12)) + 24, 110, 430);
        var groupHeight = (bars * BarHeight) + ((bars - 1) * BarGap);
        var plotHeight = Groups.Count * (groupHeight + GroupGap);
        var axisY = Top + plotHeight;
        var height = axisY + 44 + (AxisCaption is null ? 0 : 14) + (Notes.Count * 17) + 6;
        var plotWidth = Width - left - Right;
        var max = Math.Max(1e-12, Groups.SelectMany(g => g.Values).Max(v => v ?? 0));
        var step = AxisTicks.Step(max, (int)Math.Max(2, plotWidth / 110));
        var top = AxisTicks.Values(max, step).Last() < max * 0.999 ? Math.Ceiling(max / step) * step : max;
        double X(double v, double scale) => left + (v / scale * plotWidth);

        var svg = new SvgDocument(Width, height, Title, ChartStyle.SeriesRules());
        var legend = Legend ?? (Series.Count > 1 ? Series.Select((s, i) => new LegendEntry("s" + i, s)).ToList() : []);
        ChartFrame.Heading(svg, Title, Subtitle, legend, 20);
        foreach (var tick in ScalePerGroup ? Enumerable.Empty<double>() : AxisTicks.Values(top, step))
        {
            svg.Line(X(tick, top), Top - 6, X(tick, top), axisY, "grid");
            svg.Text(X(tick, top), axisY + 16, Format(tick), "tick", "middle");
        }

        var y = Top;
        foreach (var group in Groups)
        {
            svg.Text(left - 10, y + (groupHeight / 2) + 4, group.Name, "legend", "end");
            var scale = ScalePerGroup ? Math.Max(1e-12, group.Values.Max(v => v ?? 0)) : top;
            for (var s = 0; s < bars; s++)
            {
                var barY = y + (s * (BarHeight + BarGap));
                if (s < group.Values.Count && group.Values[s] is { } value)
                {
                    var color = Series.Count <= 1 && group.Color is { } c ? c : s;
                    svg.BeginGroup("bar", SvgDocument.Attribute("data-value", value));
                    var text = group.Labels is { } labels && s < labels.Count && labels[s] is { } l ? l : Format(value);
                    svg.Rect(left, barY, X(value, scale) - left, BarHeight, "s" + (color % ChartStyle.Series.Length), $"{group.Name}: {text}");
                    var note = group.Notes is { } notes && s < notes.Count ? notes[s] : null;
                    svg.Text(X(value, scale) + 5, barY + 12.5, note is null ? text : $"{text} · {note}", "value");
                    svg.EndGroup();
                }
            }

            y += groupHeight + GroupGap;
        }

        svg.Line(left, Top - 6, left, axisY, "axis");
        svg.Line(left, axisY, left + plotWidth, axisY, "axis");
        var textY = axisY + 38;
        if (AxisCaption is not null)
        {
            svg.Text(left + (plotWidth / 2), axisY + 34, AxisCaption, "tick", "middle");
            textY += 14;
        }

        foreach (var note in Notes)
        {
            svg.Text(20, textY, note, "subtitle");
            textY += 17;
        }

        return svg.ToString();
    }
}
