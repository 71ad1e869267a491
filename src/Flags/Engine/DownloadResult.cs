namespace Flags.Engine;

/// <summary>What the fetcher says about one <see cref="DownloadJob"/> (the pipeline turns it into an <see cref="ItemOutcome"/>).</summary>
/// <param name="Key">The job's key, e.g. <c>BR</c>.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">For <see cref="DownloadStatus.Error"/>: what went wrong on the last try; otherwise null.</param>
/// <param name="Attempts">How many requests were made (0 when skipped).</param>
/// <param name="Bytes">Bytes saved (0 unless <see cref="DownloadStatus.Ok"/>).</param>
internal sealed record DownloadResult(string Key, DownloadStatus Status, string? Error, int Attempts, long Bytes)
{
    /// <summary>For a body saved with a big-file option: how it began and its digest; null otherwise.</summary>
    public BigFiles.TransferInfo? Transfer { get; init; }
}
