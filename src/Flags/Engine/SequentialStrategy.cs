namespace Flags.Engine;

/// <summary>One download at a time, in job order (the reference's <c>flags2_sequential.py</c>). Ignores the concurrency.</summary>
internal sealed class SequentialStrategy : IDownloadStrategy
{
    /// <inheritdoc />
    public string Name => "sequential";

    /// <inheritdoc />
    public Task RunAsync(
        IEnumerable<DownloadJob> jobs,
        IDownloadFetcher fetcher,
        int concurrency,
        Action<DownloadResult> onResult,
        CancellationToken cancellationToken) =>
        JobRunner.OnOwnThread(() =>
        {
            foreach (var job in jobs)
            {
                if (JobRunner.RunBlocking(fetcher, job, cancellationToken) is not { } result)
                {
                    return;
                }

                onResult(result);
            }
        });
}
