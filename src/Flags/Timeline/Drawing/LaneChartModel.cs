namespace Flags.Timeline.Drawing;

/// <summary>One bar of a <see cref="LaneChart"/>: a span of time in one lane, drawn as its segments (or whole).</summary>
/// <param name="Lane">The lane, 0-based; bars in one lane must not overlap in time.</param>
/// <param name="Start">Where the bar begins, in seconds from the chart's origin.</param>
/// <param name="End">Where it ends, in seconds (at least <paramref name="Start"/>).</param>
/// <param name="Class">CSS classes of the bar's group, e.g. its outcome (<c>ok</c>).</param>
/// <param name="Label">Text drawn inside the bar when it fits; null for none.</param>
/// <param name="Tooltip">The bar's title (a browser shows it on hover); null for none.</param>
internal sealed record LaneBar(int Lane, double Start, double End, string Class, string? Label, string? Tooltip)
{
    /// <summary>Consecutive parts of the bar (phases), each with its CSS class; null draws the bar as one rectangle.</summary>
    public IReadOnlyList<BarSegment>? Segments { get; init; }

    /// <summary>Where a dashed lead-in line starts (time spent waiting before the bar); null for none.</summary>
    public double? LeadFrom { get; init; }

    /// <summary>Extra attributes of the bar's group, written as they are (see <see cref="SvgDocument.Attribute(string, string)"/>).</summary>
    public string Attributes { get; init; } = "";
}

/// <summary>One part of a <see cref="LaneBar"/>, from <paramref name="Start"/> to <paramref name="End"/> seconds.</summary>
internal readonly record struct BarSegment(double Start, double End, string Class);

/// <summary>A moment marked under the time axis, e.g. when Map handed back a result.</summary>
internal sealed record AxisMarker(double Time, string Label, string? Tooltip = null);

/// <summary>One entry of a legend: a swatch drawn with <paramref name="SwatchClass"/>, then <paramref name="Label"/>.</summary>
internal sealed record LegendEntry(string SwatchClass, string Label);
