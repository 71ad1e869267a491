using Flags.Engine;

namespace Flags.Reporting;

/// <summary>
/// The text output of every command on standard output: the command's header, one line per outcome with -v, then the
/// summary. Without -v it keeps the first <see cref="KeptErrors"/> error lines for the summary (when the command asks
/// for them), never a record per item, so a list of any length is reported in constant memory.
/// </summary>
internal sealed class TextReporter(TextWriter output, bool verbose) : IRunReporter
{
    /// <summary>How many error lines the summary repeats (all of them are in -v and --json).</summary>
    public const int KeptErrors = 20;

    private readonly List<string> _errorLines = [];
    private bool _listErrors;

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        _listErrors = header.ListErrors && !verbose;
        foreach (var line in header.TextLines)
        {
            output.WriteLine(line);
        }
    }

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts)
    {
        if (verbose)
        {
            output.WriteLine(OutcomeLine.For(outcome));
        }
        else if (_listErrors && outcome.Status == DownloadStatus.Error && _errorLines.Count < KeptErrors)
        {
            _errorLines.Add(OutcomeLine.For(outcome));
        }
    }

    /// <inheritdoc />
    public Task FinishAsync(RunSummary summary)
    {
        SummaryPrinter.Write(output, summary, _errorLines);
        return Task.CompletedTask;
    }
}
