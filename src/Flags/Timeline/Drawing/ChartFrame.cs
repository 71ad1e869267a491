namespace Flags.Timeline.Drawing;

/// <summary>The parts every chart draws the same way: heading, subtitle and the legend row under them.</summary>
internal static class ChartFrame
{
    /// <summary>Draws the title at the top, the subtitle under it and the legend entries in one row below.</summary>
    public static void Heading(SvgDocument svg, string title, string? subtitle, IReadOnlyList<LegendEntry> legend, double left)
    {
        svg.Text(left, 28, title, "title");
        if (subtitle is not null)
        {
            svg.Text(left, 48, subtitle, "subtitle");
        }

        var x = left;
        foreach (var entry in legend)
        {
            svg.Rect(x, 62, 14, 12, entry.SwatchClass);
            svg.Text(x + 19, 72, entry.Label, "legend");
            x += 19 + SvgDocument.TextWidth(entry.Label, 12) * 0.95 + 18;
        }
    }
}
