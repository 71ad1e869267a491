using System.Collections.Concurrent;
using Flags.Download;
using Flags.Reporting;

namespace Flags.Cli;

/// <summary>
/// One <c>flags fetch</c> run: open the input, then stream its lines through the list parser, the skip check and the
/// chosen strategy into the report. Nothing is held per line except two 64-bit hashes (URL and name) and the jobs in
/// flight, so memory stays flat however long the list is.
/// </summary>
internal static class FetchRun
{
    /// <summary>Runs <paramref name="settings"/> and returns the exit code; <paramref name="input"/> is read for <c>-i -</c>.</summary>
    /// <exception cref="UsageException">No URLs, or the input file cannot be opened; found before any request.</exception>
    public static async Task<int> ExecuteAsync(
        FetchSettings settings, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Urls.Count > 0 && settings.Input is not null)
        {
            throw new UsageException("Give URLs as arguments or a list with -i, not both.");
        }

        if (settings.Urls.Count == 0 && settings.Input is null)
        {
            throw new UsageException("Nothing to fetch. Give URLs as arguments, or a list with -i FILE (-i - reads standard input).");
        }

        var strategy = DownloadStrategies.Create(settings.Strategy);
        var folder = OutputFolder.Prepare(settings.Output);
        var reader = settings.Input switch
        {
            null => null,
            "-" => input,
            var path => OpenFile(path),
        };
        using var owned = ReferenceEquals(reader, input) ? null : reader;
        var lines = reader is null ? settings.Urls : UrlListJobSource.Lines(reader);
        var source = settings.Input switch
        {
            null => $"{settings.Urls.Count} URL argument{(settings.Urls.Count == 1 ? "" : "s")}",
            "-" => "standard input",
            var path => path,
        };

        var limit = Math.Min(settings.MaxRequests ?? FlagsCommand.DefaultMaxRequests, FlagsCommand.MaxRequestsCap);
        var concurrency = strategy is SequentialStrategy ? 1 : Math.Max(1, reader is null ? Math.Min(limit, settings.Urls.Count) : limit);
        var perHost = Math.Min(settings.MaxPerHost ?? concurrency, concurrency);
        if (!settings.Json)
        {
            await output.WriteLineAsync($"Fetching the URLs of {source}").ConfigureAwait(false);
            var connections = concurrency == 1 ? "1 connection will be used" : $"{concurrency} concurrent connections will be used";
            await output.WriteLineAsync(perHost < concurrency ? $"{connections}, at most {perHost} per host." : $"{connections}.")
                .ConfigureAwait(false);
        }

        using var report = new FetchReport(output, settings.Verbose, settings.Json, source, strategy.Name, concurrency, perHost);
        using var fetcher = new HttpFetcher(new FetchOptions
        {
            Concurrency = concurrency,
            MaxConnectionsPerHost = perHost,
            Timeout = settings.Timeout,
            Tries = settings.Tries,
            RetryDelay = settings.RetryDelay,
            OutputDirectory = folder,
        });

        // The entries of the jobs in flight, by file name (unique in a run), to report each result with its line.
        var inFlight = new ConcurrentDictionary<string, UrlListEntry>(StringComparer.Ordinal);
        var entries = new UrlListJobSource().Read(lines);
        var started = TimeProvider.System.GetTimestamp();
        var exitCode = ExitCodes.Ok;
        try
        {
            await strategy.RunAsync(
                Jobs(entries, settings.SkipExisting, folder, inFlight, report, cancellationToken),
                fetcher,
                concurrency,
                result =>
                {
                    if (inFlight.TryRemove(result.Key, out var entry))
                    {
                        report.Outcome(entry, result);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // The input broke off after the run started (e.g. a pipe error): report what finished.
            await error.WriteLineAsync($"Reading {source} failed after {report.Lines} lines: {ex.Message.TrimEnd('.')}. The summary covers what was read.")
                .ConfigureAwait(false);
            exitCode = ExitCodes.Failed;
        }

        var interrupted = cancellationToken.IsCancellationRequested;
        exitCode = interrupted ? ExitCodes.Interrupted : report.Errors > 0 ? ExitCodes.Failed : exitCode;
        report.Finish(TimeProvider.System.GetElapsedTime(started), interrupted, exitCode);
        return exitCode;
    }

    private static IEnumerable<DownloadJob> Jobs(
        IEnumerable<UrlListEntry> entries,
        bool skipExisting,
        string folder,
        ConcurrentDictionary<string, UrlListEntry> inFlight,
        FetchReport report,
        CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (entry.Job is not { } job)
            {
                if (entry.Duplicate)
                {
                    report.Duplicate(entry);
                }
                else
                {
                    report.Malformed(entry);
                }

                continue;
            }

            var target = Path.Combine(folder, job.FileName);
            if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(target)), folder, StringComparison.Ordinal))
            {
                // Sanitised names have no separators, so this cannot happen; it guards the promise anyway.
                report.Malformed(entry with { Problem = $"'{job.FileName}' would be saved outside the output folder" });
                continue;
            }

            if (skipExisting && File.Exists(target))
            {
                // Targets only ever appear by rename after a complete download, so an existing one is complete.
                report.Outcome(entry, DownloadResult.Skipped(job));
                continue;
            }

            inFlight[job.Key] = entry;
            yield return job;
        }
    }

    private static StreamReader OpenFile(string input)
    {
        try
        {
            return new StreamReader(input, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 64 * 1024 });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read the list '{input}': {ex.Message.TrimEnd('.')}. Give a readable text file of URLs, or - for standard input.", ex);
        }
    }
}
