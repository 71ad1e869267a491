using Flags.Download;

namespace Flags.Reporting;

/// <summary>Everything the final report needs: where, how, what was asked, what finished, how long it took.</summary>
/// <param name="Label">The server label (LOCAL, DELAY, ERROR, REMOTE) or URL for a custom base.</param>
/// <param name="BaseUrl">The base URL the files came from.</param>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Concurrency">Downloads in flight at once.</param>
/// <param name="Requested">The codes asked for, in order.</param>
/// <param name="Results">One result per finished code, in completion order.</param>
/// <param name="Elapsed">Time from the first request to the last result.</param>
/// <param name="Interrupted">True when Ctrl+C stopped the run before every code finished.</param>
/// <param name="Noun">What the summary counts: "flag" or "file".</param>
internal sealed record RunSummary(
    string Label,
    Uri BaseUrl,
    string Strategy,
    int Concurrency,
    IReadOnlyList<string> Requested,
    IReadOnlyList<DownloadResult> Results,
    TimeSpan Elapsed,
    bool Interrupted,
    string Noun = "flag")
{
    /// <summary>How many results have <paramref name="status"/>.</summary>
    public int Count(DownloadStatus status) => Results.Count(r => r.Status == status);

    /// <summary>The exit code: 130 if interrupted, 1 if any error, else 0 (not found is not a failure).</summary>
    public int ExitCode => Interrupted ? ExitCodes.Interrupted : Count(DownloadStatus.Error) > 0 ? ExitCodes.Failed : ExitCodes.Ok;
}
