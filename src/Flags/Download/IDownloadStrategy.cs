namespace Flags.Download;

/// <summary>A way of running many downloads: one by one, on threads, with futures, or with async/await.</summary>
internal interface IDownloadStrategy
{
    /// <summary>The name used by <c>--strategy</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Runs every job through <paramref name="fetcher"/>, at most <paramref name="concurrency"/> at once, and calls
    /// <paramref name="onResult"/> once per finished job as it finishes (possibly from several threads at once).
    /// After cancellation no new job starts, jobs in flight are cancelled (and not reported), and the returned task
    /// completes normally once they have stopped.
    /// </summary>
    Task RunAsync(
        IReadOnlyList<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken);
}
