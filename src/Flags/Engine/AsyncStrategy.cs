namespace Flags.Engine;

/// <summary>
/// async/await with at most <c>concurrency</c> downloads in flight, via <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// (the reference's <c>flags2_asyncio.py</c> with its semaphore). No thread is blocked while a response is awaited.
/// </summary>
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
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(jobs, options, async (job, ct) =>
            {
                DownloadResult result;
                try
                {
                    result = await fetcher.FetchAsync(job, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
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
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what finished has been reported; the caller prints the summary.
        }
    }
}
