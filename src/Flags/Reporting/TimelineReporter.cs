using Flags.Engine;
using Flags.Timeline;

namespace Flags.Reporting;

/// <summary>
/// --timeline FILE.svg: one more reporter of the run. It owns the <see cref="TimelineRecorder"/> the fetcher stamps
/// every try into (time 0 is the run's start, after the server is up and the list is read) and, when the run ends,
/// draws the recording with the run's header and summary and writes it atomically (a .part file renamed over the
/// target). A run that ended before its header (Ctrl+C while the server started) writes nothing.
/// </summary>
internal sealed class TimelineReporter(string path, TextWriter error) : IRunReporter
{
    private RunHeader? _header;

    /// <summary>The recorder for the run; <see cref="TimelineRecorder.Disabled"/> until the run starts.</summary>
    public TimelineRecorder Recorder { get; private set; } = TimelineRecorder.Disabled;

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        _header = header;
        Recorder = new TimelineRecorder();
    }

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts)
    {
        // The bars come from the fetcher's own stamps, not from the outcomes.
    }

    /// <inheritdoc />
    public async Task FinishAsync(RunSummary summary)
    {
        if (_header is null)
        {
            return;
        }

        var options = new TimelineSvgOptions
        {
            Title = $"{summary.Command} timeline: {_header.TextLines[0]}",
            Subtitle = string.Join(" · ", [.. _header.TextLines.Skip(1).Select(l => l.TrimEnd('.')), $"strategy {_header.Strategy}"]),
            Notes = [SummaryLine(summary)],
        };
        try
        {
            await TimelineSvg.WriteFileAsync(path, Recorder.Snapshot(), options).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(
                $"Cannot write the timeline '{TerminalText.Safe(path)}': {TerminalText.Safe(ex.Message.TrimEnd('.'))}. The downloads are not affected.")
                .ConfigureAwait(false);
        }
    }

    /// <summary>The text summary's lines (what the run printed after its dashes) on one line.</summary>
    private static string SummaryLine(RunSummary summary)
    {
        using var text = new StringWriter();
        SummaryPrinter.Write(text, summary, []);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" · ", lines.Where(l => l.Trim('-').Length > 0));
    }
}
