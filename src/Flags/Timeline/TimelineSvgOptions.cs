namespace Flags.Timeline;

/// <summary>How <see cref="TimelineSvg"/> draws a run.</summary>
internal sealed class TimelineSvgOptions
{
    /// <summary>The heading. The default value is "flags timeline".</summary>
    public string Title { get; init; } = "flags timeline";

    /// <summary>A line under the heading (site, strategy, concurrency); null (the default) for none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>
    /// Above this many downloads the picture shows aggregate charts (in flight over time, completions per interval,
    /// latency distribution) instead of a lane per slot and a bar per try. The default value is 1000.
    /// </summary>
    public int AggregateAbove { get; init; } = 1000;

    /// <summary>The picture's width in pixels. The default value is 1200.</summary>
    public double Width { get; init; } = 1200;

    /// <summary>Lines added under the computed summary (e.g. the run's own summary line). The default value is none.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
