using Futures;

namespace Flags.Download;

/// <summary>
/// <c>Submit</c> jobs to a <see cref="ThreadPoolExecutor"/> and take the futures as they complete (the reference's
/// <c>flags2_threadpool.py</c> with <c>as_completed</c>), so results arrive in completion order. The reference submits
/// everything first; here at most <see cref="JobRunner.Window"/> futures are pending, so a list of any length is read
/// lazily and memory stays bounded.
/// </summary>
internal sealed class FuturesStrategy : IDownloadStrategy
{
    /// <inheritdoc />
    public string Name => "futures";

    /// <inheritdoc />
    public Task RunAsync(
        IEnumerable<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken) =>
        JobRunner.OnOwnThread(() =>
        {
            using var executor = new ThreadPoolExecutor(concurrency, "flags-futures");
            var window = JobRunner.Window(concurrency);

            // The reference's to_do_map: which job each future is for, so a failed future still names its job.
            var toDoMap = new Dictionary<Future<DownloadResult>, DownloadJob>(window);

            // On Ctrl+C: cancel what has not started; running fetches stop on the token.
            using var registration = cancellationToken.Register(() => executor.Shutdown(wait: false, cancelFutures: true));
            foreach (var job in jobs)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                while (toDoMap.Count >= window)
                {
                    var done = Future.Wait(toDoMap.Keys, returnWhen: ReturnWhen.FirstCompleted).Done;
                    foreach (var future in done)
                    {
                        Report(future, toDoMap, onResult, cancellationToken);
                    }
                }

                try
                {
                    toDoMap[executor.Submit(() => fetcher.FetchAsync(job, cancellationToken).GetAwaiter().GetResult())] = job;
                }
                catch (InvalidOperationException) when (cancellationToken.IsCancellationRequested)
                {
                    // Shut down by Ctrl+C between the check and the submit.
                    break;
                }
            }

            foreach (var future in Future.AsCompleted(toDoMap.Keys.ToList()))
            {
                Report(future, toDoMap, onResult, cancellationToken);
            }
        });

    private static void Report(
        Future<DownloadResult> future,
        Dictionary<Future<DownloadResult>, DownloadJob> toDoMap,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken)
    {
        var job = toDoMap[future];
        toDoMap.Remove(future);
        if (future.Cancelled)
        {
            return;
        }

        // Done already (handed out by Wait or AsCompleted): nothing to wait for, so no token.
        var error = future.Exception(timeout: null, CancellationToken.None);
        if (error is null)
        {
            onResult(future.Result(timeout: null, CancellationToken.None));
        }
        else if (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            onResult(JobRunner.Failed(job, error));
        }
    }
}
