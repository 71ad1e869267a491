using System.Diagnostics.CodeAnalysis;

namespace Flags.Engine;

/// <summary>
/// async/await with at most <c>concurrency</c> downloads in flight (the reference's <c>flags2_asyncio.py</c> with its
/// semaphore): <c>concurrency</c> workers share one reader of the jobs. No thread is blocked while a response is awaited.
/// </summary>
/// <remarks>
/// The workers are started here one after another, each running up to its first request's first wait, so all
/// <c>concurrency</c> requests are under way in one pass. Parallel.ForEachAsync, used before, starts each worker as
/// a thread-pool item queued by the one before it, behind the connection and socket work already queued: at -m 194
/// on two busy cores the last request started 68 ms after the run began instead of 13 ms (issue 18, median of 8
/// runs with --timeline through bench/peers' RTT proxy), and every download that starts late ends late.
/// </remarks>
internal sealed class AsyncStrategy : IDownloadStrategy
{
    /// <inheritdoc />
    public string Name => "async";

    /// <inheritdoc />
    public async Task RunAsync(
        IEnumerable<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        using var feed = new JobFeed(jobs);
        var workers = new Task[concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkAsync(feed, fetcher, onResult, cancellationToken);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what finished has been reported; the caller prints the summary.
        }
    }

    private static async Task WorkAsync(JobFeed feed, IDownloadFetcher fetcher, Action<DownloadResult> onResult, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && feed.TryTake(out var job))
            {
                DownloadResult result;
                try
                {
                    result = await fetcher.FetchAsync(job, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // A job's failure is its outcome, not the run's.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    result = JobRunner.Failed(job, ex);
                }

                onResult(result);
            }
        }
        catch
        {
            // The job source or a reporter failed: the other workers take no more jobs, and the run ends with this.
            feed.Stop();
            throw;
        }
    }

    /// <summary>The jobs, taken one at a time by any worker; stopped for good when one worker fails.</summary>
    private sealed class JobFeed(IEnumerable<DownloadJob> jobs) : IDisposable
    {
        private readonly IEnumerator<DownloadJob> _jobs = jobs.GetEnumerator();
        private readonly Lock _lock = new();
        private bool _done;

        public bool TryTake([NotNullWhen(true)] out DownloadJob? job)
        {
            lock (_lock)
            {
                if (!_done && _jobs.MoveNext())
                {
                    job = _jobs.Current;
                    return true;
                }

                _done = true;
                job = null;
                return false;
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                _done = true;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _done = true;
                _jobs.Dispose();
            }
        }
    }
}
