namespace Flags.Timeline;

/// <summary>
/// Draws a recorded run as one self-contained SVG: lanes and bars per try up to
/// <see cref="TimelineSvgOptions.AggregateAbove"/> downloads, aggregate charts beyond. The <c>--timeline</c> reporter's
/// whole job is <c>TimelineSvg.WriteFile(path, recorder.Snapshot(), options)</c> once the run is over.
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
    /// Writes the picture to <paramref name="path"/> without ever leaving a partial file: it goes to a fresh
    /// <c>.part</c> file beside it (created new, so a planted file or link there is refused, not followed), then is
    /// renamed over the target.
    /// </summary>
    /// <exception cref="IOException">The folder is missing or not writable, or the <c>.part</c> file already exists.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is not writable.</exception>
    public static void WriteFile(string path, RecordedTimeline timeline, TimelineSvgOptions? options = null)
    {
        var text = Render(timeline, options);
        var part = path + ".part";
        var created = false;
        try
        {
            using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                writer.Write(text);
            }

            File.Move(part, path, overwrite: true);
        }
        catch (Exception ex) when (created && ex is IOException or UnauthorizedAccessException)
        {
            // Only our own .part file is removed; one that was already there is not ours to delete.
            TryDelete(part);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
