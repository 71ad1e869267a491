using System.Globalization;
using Flags.Download;

namespace Flags.Reporting;

/// <summary>The reference's console output (2e format): the initial report, verbose lines and the final report.</summary>
internal static class TextReport
{
    /// <summary>
    /// <c>{LABEL} site: {URL}</c>, <c>Searching for N flags: ...</c> (codes joined when 10 or fewer, else
    /// "from X to Y") and the connections line.
    /// </summary>
    public static void WriteHeader(TextWriter output, string label, Uri baseUrl, IReadOnlyList<string> codes, int concurrency)
    {
        output.WriteLine($"{label} site: {baseUrl.AbsoluteUri.TrimEnd('/')}");
        var plural = codes.Count == 1 ? "" : "s";
        var list = codes.Count switch
        {
            0 => "none",
            <= 10 => string.Join(", ", codes),
            _ => $"from {codes[0]} to {codes[^1]}",
        };
        output.WriteLine($"Searching for {codes.Count} flag{plural}: {list}");
        output.WriteLine(concurrency == 1 ? "1 connection will be used." : $"{concurrency} concurrent connections will be used.");
    }

    /// <summary>The -v line for one result: <c>BR OK</c>, <c>XX not found</c>, <c>QQ error: ...</c>, <c>BR skipped</c>.</summary>
    public static string VerboseLine(DownloadResult result) => result.Status switch
    {
        DownloadStatus.Ok => $"{result.Key} OK",
        DownloadStatus.NotFound => $"{result.Key} not found",
        DownloadStatus.Skipped => $"{result.Key} skipped (already downloaded)",
        _ => $"{result.Key} error: {result.Error}",
    };

    /// <summary>The final report: dashes, right-aligned counts (zero lines left out but the first) and the elapsed time.</summary>
    public static void WriteSummary(TextWriter output, RunSummary summary)
    {
        if (summary.Interrupted)
        {
            output.WriteLine($"Interrupted: {summary.Results.Count} of {summary.Requested.Count} {(summary.Noun == "flag" ? "codes" : "files")} finished.");
        }

        output.WriteLine(new string('-', 20));
        var ok = summary.Count(DownloadStatus.Ok);
        output.WriteLine($"{ok,3} {summary.Noun}{(ok == 1 ? "" : "s")} downloaded.");
        WriteIfAny(output, summary.Count(DownloadStatus.NotFound), "not found.");
        WriteIfAny(output, summary.Count(DownloadStatus.Skipped), "skipped (already downloaded).");
        var errors = summary.Count(DownloadStatus.Error);
        WriteIfAny(output, errors, errors == 1 ? "error." : "errors.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Elapsed time: {summary.Elapsed.TotalSeconds:0.00}s"));
    }

    private static void WriteIfAny(TextWriter output, int count, string what)
    {
        if (count > 0)
        {
            output.WriteLine($"{count,3} {what}");
        }
    }
}
