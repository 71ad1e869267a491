namespace Flags.Engine;

/// <summary>One file to fetch: a key for reports (a country code, or a URL's name), where from, and the file name to save it as.</summary>
/// <param name="Key">What reports call this job, e.g. <c>BR</c>.</param>
/// <param name="Uri">The absolute http(s) address to GET.</param>
/// <param name="FileName">The target file's name inside the output folder, e.g. <c>br.gif</c>.</param>
internal sealed record DownloadJob(string Key, Uri Uri, string FileName)
{
    /// <summary>The digest the list line says the file must have (<c>sha256=HEX</c> after the name); null when none.</summary>
    public BigFiles.ExpectedDigest? Checksum { get; init; }

    /// <summary>With --timeline: when the job was taken from its source, and its number in the recording; see <see cref="TimelineTicket"/>.</summary>
    public TimelineTicket Timeline { get; init; }
}
