namespace Flags.Timeline.Drawing;

/// <summary>One row block of a <see cref="BarChart"/>: a name and one value per series (null where a series has none).</summary>
/// <param name="Name">The row's name, drawn left of its bars.</param>
/// <param name="Values">One value per series of the chart, in series order.</param>
internal sealed record BarGroup(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>Text after each bar's value (e.g. a speed-up), per series; null for none.</summary>
    public IReadOnlyList<string?>? Notes { get; init; }

    /// <summary>Text to print for each bar instead of its formatted value, per series; null prints the value.</summary>
    public IReadOnlyList<string?>? Labels { get; init; }

    /// <summary>
    /// The palette index of this group's bars when the chart has one series (e.g. to set our own rows apart from
    /// their peers); null uses the series colour.
    /// </summary>
    public int? Color { get; init; }
}
