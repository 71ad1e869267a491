namespace Flags.Engine;

/// <summary>Fetches one job to disk and says how it ended. Implementations never throw for a failed download.</summary>
internal interface IDownloadFetcher
{
    /// <summary>Downloads <paramref name="job"/> into its target file and returns its outcome.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; no partial file is left.</exception>
    Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken);
}
