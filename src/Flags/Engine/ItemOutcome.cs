namespace Flags.Engine;

/// <summary>The one outcome of one item of a run, as data for every reporter.</summary>
/// <param name="Entry">The item.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Attempts">How many requests were made (0 when skipped, a duplicate or malformed).</param>
/// <param name="Bytes">Bytes saved (0 unless <see cref="DownloadStatus.Ok"/>).</param>
/// <param name="Error">For <see cref="DownloadStatus.Error"/>: what went wrong (on the last try); otherwise null.</param>
internal sealed record ItemOutcome(JobEntry Entry, DownloadStatus Status, int Attempts, long Bytes, string? Error)
{
    /// <summary>For a file saved with a big-file option: how it began and its digest; null otherwise.</summary>
    public BigFiles.TransferInfo? Transfer { get; init; }
}
