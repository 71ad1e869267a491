namespace Flags.Download;

/// <summary>
/// One meaningful line of a fetch list (or one URL argument): a job to run, a duplicate of an earlier URL, or a line
/// that could not be used (with why).
/// </summary>
/// <param name="Line">The line number in the list, or the position among the URL arguments.</param>
/// <param name="Url">The URL as written (for malformed lines, the whole line).</param>
/// <param name="Job">The job, when the line is usable and not a duplicate.</param>
/// <param name="Problem">Why the line is malformed; null otherwise.</param>
/// <param name="Duplicate">The URL was already listed on an earlier line: it is fetched once, there.</param>
/// <param name="RequestedName">The name asked for (given NAME or URL segment) when the saved name differs from it.</param>
internal sealed record UrlListEntry(int Line, string Url, DownloadJob? Job, string? Problem, bool Duplicate, string? RequestedName)
{
    /// <summary>True when the file is saved under another name than the one asked for (sanitised or a collision).</summary>
    public bool Renamed => RequestedName is not null;
}
