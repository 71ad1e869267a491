using Flags.Download;
using Flags.Reporting;

namespace Flags.Cli;

/// <summary>
/// Runs a list of jobs for any command: skips existing files when asked, drives the strategy through one shared
/// fetcher, and shows each result live (progress bar or verbose line).
/// </summary>
internal static class JobExecution
{
    /// <summary>
    /// Runs <paramref name="jobs"/> and returns every finished result (completion order) and the elapsed time.
    /// When <paramref name="unreachable"/> is set, no request is made and every job is an error with that cause.
    /// </summary>
    public static async Task<(IReadOnlyList<DownloadResult> Results, TimeSpan Elapsed)> RunAsync(
        DownloadSettings settings,
        IDownloadStrategy strategy,
        IReadOnlyList<DownloadJob> jobs,
        int concurrency,
        string folder,
        string? unreachable,
        TextWriter output,
        TextWriter error,
        bool progressAllowed,
        CancellationToken cancellationToken)
    {
        var collector = new ResultCollector(jobs.Count);
        var started = TimeProvider.System.GetTimestamp();
        if (unreachable is not null)
        {
            // Every job is an error, without a request per job: the probe already said why.
            AttachVerbose(settings, output, collector);
            foreach (var job in jobs)
            {
                collector.Add(new DownloadResult(job.Key, DownloadStatus.Error, $"cannot reach the server: {unreachable}", 0, 0));
            }
        }
        else
        {
            using var fetcher = new HttpFetcher(new FetchOptions
            {
                Concurrency = concurrency,
                Timeout = settings.Timeout,
                Tries = settings.Tries,
                RetryDelay = settings.RetryDelay,
                OutputDirectory = folder,
            });
            var showProgress = progressAllowed && !settings.Verbose && !settings.Json;
            if (showProgress)
            {
                await ProgressDisplay.RunAsync(error, jobs.Count, async tick =>
                {
                    collector.OnResult = _ => tick();
                    await DownloadAsync(settings, strategy, fetcher, folder, jobs, concurrency, collector, cancellationToken)
                        .ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                AttachVerbose(settings, output, collector);
                await DownloadAsync(settings, strategy, fetcher, folder, jobs, concurrency, collector, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return (collector.Results, TimeProvider.System.GetElapsedTime(started));
    }

    private static void AttachVerbose(DownloadSettings settings, TextWriter output, ResultCollector collector)
    {
        if (settings.Verbose && !settings.Json)
        {
            collector.OnResult = result => output.WriteLine(TextReport.VerboseLine(result));
        }
    }

    private static Task DownloadAsync(
        DownloadSettings settings,
        IDownloadStrategy strategy,
        IDownloadFetcher fetcher,
        string folder,
        IReadOnlyList<DownloadJob> jobs,
        int concurrency,
        ResultCollector collector,
        CancellationToken cancellationToken)
    {
        return strategy.RunAsync(Pending(settings, folder, jobs, collector), fetcher, concurrency, collector.Add, cancellationToken);
    }

    private static IEnumerable<DownloadJob> Pending(DownloadSettings settings, string folder, IEnumerable<DownloadJob> jobs, ResultCollector collector)
    {
        foreach (var job in jobs)
        {
            // Targets only ever appear by rename after a complete download, so an existing one is complete.
            if (settings.SkipExisting && File.Exists(Path.Combine(folder, job.FileName)))
            {
                collector.Add(DownloadResult.Skipped(job));
            }
            else
            {
                yield return job;
            }
        }
    }
}
