using Flags.Download;
using Flags.Reporting;
using Flags.Server;

namespace Flags.Cli;

/// <summary>
/// One run of the root command: validate, pick the server, list the codes, print the header, run the strategy with
/// live output, print the summary (or JSON), and decide the exit code once.
/// </summary>
internal static class DownloadRun
{
    /// <summary>Runs <paramref name="settings"/> and returns the exit code.</summary>
    /// <exception cref="UsageException">Bad input, found before any request.</exception>
    public static async Task<int> ExecuteAsync(
        DownloadSettings settings, TextWriter output, TextWriter error, bool progressAllowed, CancellationToken cancellationToken)
    {
        if ((settings.All ? 1 : 0) + (settings.Every ? 1 : 0) + (settings.CodeArguments.Count > 0 ? 1 : 0) > 1)
        {
            throw new UsageException("Give country codes, or -a, or -e: only one of them.");
        }

        var explicitCodes = CountryCodeSelection.Expand(settings.CodeArguments).ToList();
        var strategy = DownloadStrategies.Create(settings.Strategy);
        var folder = OutputFolder.Prepare(settings.Output);

        try
        {
            var server = settings.Server.EmbeddedMode is { } mode
                ? await FlagServer.StartAsync(new FlagServerOptions { Mode = mode }, cancellationToken).ConfigureAwait(false)
                : null;
            try
            {
                var baseUrl = server?.BaseUrl ?? settings.Server.BaseUrl!;
                return await RunAsync(settings, strategy, baseUrl, explicitCodes, folder, output, error, progressAllowed, cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                if (server is not null)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C before the first download (server start, probe, code list): nothing finished.
            return ExitCodes.Interrupted;
        }
    }

    private static async Task<int> RunAsync(
        DownloadSettings settings,
        IDownloadStrategy strategy,
        Uri baseUrl,
        List<string> explicitCodes,
        string folder,
        TextWriter output,
        TextWriter error,
        bool progressAllowed,
        CancellationToken cancellationToken)
    {
        var label = settings.Server.Label;
        var unreachable = settings.Server.EmbeddedMode is null
            ? await ServerProbe.WhyUnreachableAsync(baseUrl, settings.Timeout, cancellationToken).ConfigureAwait(false)
            : null;
        if (unreachable is not null)
        {
            await error.WriteLineAsync(
                $"Cannot reach {baseUrl.AbsoluteUri.TrimEnd('/')}: {unreachable}. Is the server running? Try -s LOCAL for the embedded one.")
                .ConfigureAwait(false);
        }

        IReadOnlyList<string> codes;
        if (settings.All)
        {
            if (unreachable is not null)
            {
                return ExitCodes.Failed;
            }

            var list = await CodeListReader.ReadAsync(CountryCodeJobSource.CountryListUri(baseUrl), settings.Timeout, cancellationToken)
                .ConfigureAwait(false);
            if (list.Error is { } listError)
            {
                await error.WriteLineAsync(listError).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            codes = CountryCodeSelection.SortAndLimit(list.Codes, settings.Limit);
        }
        else
        {
            var source = settings.Every ? CountryCodeSelection.Every()
                : explicitCodes.Count > 0 ? explicitCodes
                : CountryCodeSelection.Pop20;
            codes = CountryCodeSelection.SortAndLimit(source, settings.Limit);
        }

        var concurrency = strategy is SequentialStrategy
            ? 1
            : Math.Max(1, Math.Min(Math.Min(settings.MaxRequests ?? FlagsCommand.DefaultMaxRequests, FlagsCommand.MaxRequestsCap), codes.Count));
        if (!settings.Json)
        {
            TextReport.WriteHeader(output, label, baseUrl, codes, concurrency);
        }

        var jobs = CountryCodeJobSource.Create(codes, baseUrl);
        var collector = new ResultCollector(jobs.Count);
        var started = TimeProvider.System.GetTimestamp();
        if (unreachable is not null)
        {
            // Every code is an error, without a request per code: the probe already said why.
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

        var results = collector.Results;
        var summary = new RunSummary(
            label,
            baseUrl,
            strategy.Name,
            concurrency,
            codes,
            results,
            TimeProvider.System.GetElapsedTime(started),
            cancellationToken.IsCancellationRequested && results.Count < jobs.Count);
        if (settings.Json)
        {
            JsonReport.Write(output, summary);
        }
        else
        {
            TextReport.WriteSummary(output, summary);
        }

        return summary.ExitCode;
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
        var pending = new List<DownloadJob>(jobs.Count);
        foreach (var job in jobs)
        {
            // Targets only ever appear by rename after a complete download, so an existing one is complete.
            if (settings.SkipExisting && File.Exists(Path.Combine(folder, job.FileName)))
            {
                collector.Add(DownloadResult.Skipped(job));
            }
            else
            {
                pending.Add(job);
            }
        }

        return strategy.RunAsync(pending, fetcher, concurrency, collector.Add, cancellationToken);
    }
}
