using System.Text.Json;
using Flags.Download;

namespace Flags.Reporting;

/// <summary>The --json output: one object with the counts and every code's outcome, written with a source-generated context (AOT-safe).</summary>
internal static class JsonReport
{
    /// <summary>Writes <paramref name="summary"/> as one indented JSON object and a newline.</summary>
    public static void Write(TextWriter output, RunSummary summary)
    {
        var report = new JsonRunReport(
            summary.Label,
            summary.BaseUrl.AbsoluteUri.TrimEnd('/'),
            summary.Strategy,
            summary.Concurrency,
            summary.Requested.Count,
            summary.Count(DownloadStatus.Ok),
            summary.Count(DownloadStatus.NotFound),
            summary.Count(DownloadStatus.Skipped),
            summary.Count(DownloadStatus.Error),
            summary.Interrupted,
            Math.Round(summary.Elapsed.TotalSeconds, 3),
            summary.ExitCode,
            summary.Results
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new JsonCodeResult(r.Key, StatusName(r.Status), r.Attempts, r.Bytes, r.Error))
                .ToList());
        output.WriteLine(JsonSerializer.Serialize(report, FlagsJsonContext.Default.JsonRunReport));
    }

    /// <summary>The status as JSON spells it: ok, not_found, skipped, error.</summary>
    public static string StatusName(DownloadStatus status) => status switch
    {
        DownloadStatus.Ok => "ok",
        DownloadStatus.NotFound => "not_found",
        DownloadStatus.Skipped => "skipped",
        _ => "error",
    };
}
