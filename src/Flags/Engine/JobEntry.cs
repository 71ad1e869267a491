namespace Flags.Engine;

/// <summary>
/// One item a job source yields: a job to run, a duplicate of an earlier URL, or a line that could not be used (with
/// why). Reporters name the item by its <see cref="Code"/> when it has one, else by its line.
/// </summary>
/// <param name="Line">The line number in the list, or the position among the arguments (1-based).</param>
/// <param name="Url">The URL as written (for malformed lines, the whole line).</param>
/// <param name="Job">The job, when the item is usable and not a duplicate.</param>
/// <param name="Problem">Why the line is malformed; null otherwise.</param>
/// <param name="Duplicate">The URL was already listed on an earlier line: it is fetched once, there.</param>
/// <param name="RequestedName">The name asked for (given NAME or URL segment) when the saved name differs from it.</param>
/// <param name="Code">The country code, for the flags run; null for fetch lists.</param>
internal sealed record JobEntry(
    int Line, string Url, DownloadJob? Job, string? Problem = null, bool Duplicate = false, string? RequestedName = null, string? Code = null)
{
    /// <summary>True when the file is saved under another name than the one asked for (sanitised or a collision).</summary>
    public bool Renamed => RequestedName is not null;
}
