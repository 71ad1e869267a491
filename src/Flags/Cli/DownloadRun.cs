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
        var (results, elapsed) = await JobExecution.RunAsync(
            settings, strategy, jobs, concurrency, folder, unreachable, output, error, progressAllowed, cancellationToken).ConfigureAwait(false);
        var summary = new RunSummary(
            label,
            baseUrl,
            strategy.Name,
            concurrency,
            codes,
            results,
            elapsed,
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
}
