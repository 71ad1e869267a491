namespace Flags.Engine;

/// <summary>A way of running many downloads: one by one, on threads, with futures, or with async/await.</summary>
internal interface IDownloadStrategy
{
    /// <summary>The name used by <c>--strategy</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Runs every job through <paramref name="fetcher"/>, at most <paramref name="concurrency"/> at once, and calls
    /// <paramref name="onResult"/> once per finished job as it finishes (possibly from several threads at once).
    /// After cancellation no new job starts, jobs in flight are cancelled (and not reported), and the returned task
    /// completes normally once they have stopped. <paramref name="jobs"/> is read lazily, from one thread at a time,
    /// at most a bounded window ahead of the results, so it may be a stream of any length.
    /// </summary>
    Task RunAsync(
        IEnumerable<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken);
}
