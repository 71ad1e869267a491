namespace Flags.Engine;

/// <summary>Tells an <see cref="IJobObserver"/> when each download starts, then fetches through the shared fetcher.</summary>
internal sealed class ObservedFetcher(IDownloadFetcher inner, IJobObserver observer) : IDownloadFetcher
{
    /// <inheritdoc />
    public Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        observer.Started(job);
        return inner.FetchAsync(job, cancellationToken);
    }
}
