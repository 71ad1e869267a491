namespace Flags.Engine;

/// <summary>Runs one job for the synchronous strategies and turns whatever happens into a result (or null when cancelled).</summary>
internal static class JobRunner
{
    /// <summary>
    /// Blocks until <paramref name="job"/> is done. Returns null if <paramref name="cancellationToken"/> stopped it;
    /// any unexpected exception becomes an <see cref="DownloadStatus.Error"/> result so one job never aborts the run.
    /// </summary>
    public static DownloadResult? RunBlocking(IDownloadFetcher fetcher, DownloadJob job, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            // Sync over async on a dedicated thread: the fetch path (Polly, streaming, timeouts) is the same for all strategies.
            return fetcher.FetchAsync(job, cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A job's failure is its outcome, not the run's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(job, ex);
        }
    }

    /// <summary>The error result for a job whose fetch threw unexpectedly.</summary>
    public static DownloadResult Failed(DownloadJob job, Exception ex) =>
        new(job.Key, DownloadStatus.Error, ex.Message, 1, 0);

    /// <summary>
    /// How many jobs a strategy may take from the source ahead of the results: twice the concurrency, so workers never
    /// starve while memory stays bounded however long the source is.
    /// </summary>
    public static int Window(int concurrency) => Math.Max(2, 2 * concurrency);

    /// <summary>Runs blocking work on a thread of its own, so the caller's thread (and the progress display) stays free.</summary>
    public static Task OnOwnThread(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
