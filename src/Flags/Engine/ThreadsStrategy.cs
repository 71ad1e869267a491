using Futures;

namespace Flags.Engine;

/// <summary>
/// <c>Executor.Map</c> over the jobs on a <see cref="ThreadPoolExecutor"/> of <c>concurrency</c> threads (the
/// reference's <c>flags_threadpool.py</c>). Results come back in job order, as Map yields them.
/// </summary>
internal sealed class ThreadsStrategy : IDownloadStrategy
{
    /// <inheritdoc />
    public string Name => "threads";

    /// <inheritdoc />
    public Task RunAsync(
        IEnumerable<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken) =>
        JobRunner.OnOwnThread(() =>
        {
            using var executor = new ThreadPoolExecutor(concurrency, "flags-threads");

            // Errors are caught inside the mapped function: an exception escaping it would end Map at that item.
            // bufferSize keeps a window of submitted jobs, so the source is read lazily (flags fetch streams its list).
            foreach (var result in executor.Map(
                job => JobRunner.RunBlocking(fetcher, job, cancellationToken), jobs, bufferSize: JobRunner.Window(concurrency)))
            {
                if (result is null)
                {
                    // Cancelled: leaving Map cancels the items not yet started; the rest stop on the token.
                    return;
                }

                onResult(result);
            }
        });
}
