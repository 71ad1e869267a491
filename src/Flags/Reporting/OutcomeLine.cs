using Flags.Engine;

namespace Flags.Reporting;

/// <summary>
/// The text line of one outcome, for -v and for the summary's error lines: <c>BR OK</c>, <c>XX not found</c> for a
/// code; <c>line 3: f3.bin OK</c>, <c>line 4: http://... not found</c> for a list line. Every value is made safe for
/// the terminal.
/// </summary>
internal static class OutcomeLine
{
    /// <summary>The line for <paramref name="outcome"/>.</summary>
    public static string For(ItemOutcome outcome)
    {
        var entry = outcome.Entry;
        return outcome.Status switch
        {
            DownloadStatus.Ok => $"{Name(entry)} OK{(entry.Renamed ? $" (renamed from '{TerminalText.Safe(entry.RequestedName)}')" : "")}{TransferJson.Note(outcome.Transfer)}",
            DownloadStatus.NotFound => $"{Address(entry)} not found",
            DownloadStatus.Skipped => $"{Name(entry)} skipped (already downloaded)",
            DownloadStatus.Duplicate => $"line {entry.Line}: duplicate of an earlier line, fetched once",
            _ when entry.Job is null => $"line {entry.Line}: {TerminalText.Line(outcome.Error)}",
            _ => $"{Address(entry)} error: {TerminalText.Line(outcome.Error)}",
        };
    }

    // A code names itself; a list line is named by its file when it was saved, by its URL when it was not.
    private static string Name(JobEntry entry) =>
        entry.Code is { } code ? TerminalText.Safe(code) : $"line {entry.Line}: {TerminalText.Safe(entry.Job?.FileName)}";

    private static string Address(JobEntry entry) =>
        entry.Code is { } code ? TerminalText.Safe(code) : $"line {entry.Line}: {TerminalText.Url(entry.Url)}";
}
