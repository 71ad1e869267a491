using Futures;

namespace Flags.Download;

/// <summary>
/// <c>Submit</c> every job to a <see cref="ThreadPoolExecutor"/>, then take the futures with
/// <c>Future.AsCompleted</c> (the reference's <c>flags2_threadpool.py</c>), so results arrive in completion order.
/// </summary>
internal sealed class FuturesStrategy : IDownloadStrategy
{
    /// <inheritdoc />
    public string Name => "futures";

    /// <inheritdoc />
    public Task RunAsync(
        IReadOnlyList<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken) =>
        JobRunner.OnOwnThread(() =>
        {
            using var executor = new ThreadPoolExecutor(concurrency, "flags-futures");

            // The reference's to_do_map: which job each future is for, so a failed future still names its code.
            var toDoMap = new Dictionary<Future<DownloadResult>, DownloadJob>(jobs.Count);
            foreach (var job in jobs)
            {
                toDoMap[executor.Submit(() => fetcher.FetchAsync(job, cancellationToken).GetAwaiter().GetResult())] = job;
            }

            // On Ctrl+C: cancel what has not started; running fetches stop on the token.
            using var registration = cancellationToken.Register(() => executor.Shutdown(wait: false, cancelFutures: true));
            foreach (var future in Future.AsCompleted(toDoMap.Keys))
            {
                if (future.Cancelled)
                {
                    continue;
                }

                var error = future.Exception();
                if (error is null)
                {
                    onResult(future.Result());
                }
                else if (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    onResult(JobRunner.Failed(toDoMap[future], error));
                }
            }
        });
}
