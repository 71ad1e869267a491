using Flags.Engine;

namespace Flags.Timeline;

/// <summary>
/// Draws a recorded run as one self-contained SVG: lanes and bars per try up to
/// <see cref="TimelineSvgOptions.AggregateAbove"/> downloads, aggregate charts beyond. The <c>--timeline</c> reporter's
/// whole job is <c>await TimelineSvg.WriteFileAsync(path, recorder.Snapshot(), options)</c> once the run is over.
/// </summary>
internal static class TimelineSvg
{
    /// <summary>The SVG text for <paramref name="timeline"/>.</summary>
    public static string Render(RecordedTimeline timeline, TimelineSvgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        options ??= new TimelineSvgOptions();
        var jobs = TimelineJobs.Build(timeline, out var lanes);
        return jobs.Count > options.AggregateAbove
            ? TimelineAggregateView.Render(jobs, lanes, options)
            : TimelineLaneView.Render(jobs, lanes, options);
    }

    /// <summary>
    /// Writes the picture to <paramref name="path"/> through <see cref="PartFileSink"/>, the downloads' own sink:
    /// a <c>.part</c> file beside it, renamed over the target once complete, so no half-written picture is ever left.
    /// </summary>
    /// <exception cref="IOException">The folder is missing or not writable.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is not writable.</exception>
    public static async Task WriteFileAsync(string path, RecordedTimeline timeline, TimelineSvgOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Render(timeline, options));
        using var body = new MemoryStream(bytes, writable: false);
        await PartFileSink.SaveAsync(body, bytes.Length, path, cancellationToken).ConfigureAwait(false);
    }
}
