using System.Collections.Concurrent;
using Flags.Reporting;

namespace Flags.Engine;

/// <summary>
/// The one run of every command: job source -> skip check -> strategy -> fetcher (one shared handler, retries) ->
/// sink (<c>.part</c> file, then rename) -> outcomes -> reporters. A command supplies only its
/// <see cref="IJobSource"/> (and, through it, its header); everything else, from the concurrency formula to the exit
/// code, is decided here once.
/// </summary>
internal sealed class RunPipeline
{
    private readonly Lock _gate = new();
    private readonly RunSettings _settings;
    private readonly IJobSource _source;
    private readonly RunOutput _output;
    private readonly RunCounts _counts = new();
    private readonly List<IRunReporter> _reporters = [];
    private IRunReporter? _progress;
    private TimelineReporter? _timeline;

    // The entries of the jobs in flight, by job key (unique in a run), to report each result with its item.
    private readonly ConcurrentDictionary<string, JobEntry> _inFlight = new(StringComparer.Ordinal);

    private RunPipeline(RunSettings settings, IJobSource source, RunOutput output)
    {
        _settings = settings;
        _source = source;
        _output = output;
    }

    /// <summary>Runs <paramref name="source"/> with <paramref name="settings"/> and returns the exit code.</summary>
    /// <exception cref="Cli.UsageException">The output folder cannot be used; found before anything starts.</exception>
    public static async Task<int> RunAsync(RunSettings settings, IJobSource source, RunOutput output, CancellationToken cancellationToken)
    {
        var strategy = DownloadStrategies.Create(settings.Strategy);
        var folder = OutputFolder.Prepare(settings.Output);
        await using (source.ConfigureAwait(false))
        {
            return await new RunPipeline(settings, source, output).RunAsync(strategy, folder, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads in flight at once: 1 for <c>sequential</c>, else -m (default <see cref="RunDefaults.MaxRequests"/>),
    /// never more than the items when their number is known, never less than 1.
    /// </summary>
    public static int Concurrency(IDownloadStrategy strategy, int? maxRequests, int? total) =>
        strategy is SequentialStrategy ? 1 : Math.Max(1, Math.Min(maxRequests ?? RunDefaults.MaxRequests, total ?? int.MaxValue));

    private async Task<int> RunAsync(IDownloadStrategy strategy, string folder, CancellationToken cancellationToken)
    {
        _reporters.Add(_settings.Json
            ? new JsonReporter(_output.Output, _source.Command)
            : new TextReporter(_output.Output, _settings.Verbose));
        if (_settings.Timeline is { } picture)
        {
            _reporters.Add(_timeline = new TimelineReporter(picture, _output.Error));
        }

        if (_settings.Connection.Insecure)
        {
            await _output.Error.WriteLineAsync("Warning: --insecure: server certificates are not verified.").ConfigureAwait(false);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _source.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while the server starts or the list is read: nothing finished, and the summary says so.
            return await FinishAsync(null, TimeSpan.Zero, note: null, interrupted: true).ConfigureAwait(false);
        }
        catch (JobSourceException ex)
        {
            await _output.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            DisposeReporters();
            return ExitCodes.Failed;
        }

        var concurrency = Concurrency(strategy, _settings.MaxRequests, _source.Total);
        var perHost = Math.Min(_settings.MaxPerHost ?? concurrency, concurrency);
        var header = _source.Header(strategy.Name, concurrency, perHost);
        if (_output.ProgressAllowed && !_settings.Verbose && !_settings.Json)
        {
            // Big-file options get a line per file; a known number of items gets the bar; a stream (fetch -i) gets the status line.
            _progress = !_settings.Transfer.IsPlain
                ? new TransferProgressReporter(_output.Error)
                : _source.Total is { } total
                ? new ProgressBarReporter(_output.Error, total)
                : new StatusLineReporter(_output.Error, _output.TerminalWidth, TimeProvider.System);
            _reporters.Insert(0, _progress);
        }

        foreach (var reporter in _reporters)
        {
            reporter.Start(header);
        }

        var started = TimeProvider.System.GetTimestamp();
        string? note = null;
        try
        {
            if (_source.Unreachable is { } unreachable)
            {
                // Every job is an error, without a request per job: the probe already said why.
                foreach (var job in Jobs(folder, cancellationToken))
                {
                    Report(new ItemOutcome(_inFlight[job.Key], DownloadStatus.Error, 0, 0, $"cannot reach the server: {unreachable}"));
                    _inFlight.TryRemove(job.Key, out _);
                }
            }
            else
            {
                using var fetcher = new HttpFetcher(new FetchOptions
                {
                    Concurrency = concurrency,
                    MaxConnectionsPerHost = perHost,
                    Timeout = _settings.Timeout,
                    Retries = _settings.Retries,
                    RetryDelay = _settings.RetryDelay,
                    OutputDirectory = folder,
                    Transfer = _settings.Transfer,
                    Progress = _progress as BigFiles.ITransferProgress,
                    Timeline = _timeline?.Recorder ?? Flags.Timeline.TimelineRecorder.Disabled,
                    Connection = _settings.Connection,
                });
                IDownloadFetcher observed = _progress is IJobObserver observer
                    ? new ObservedFetcher(fetcher, observer)
                    : fetcher;
                await strategy.RunAsync(Jobs(folder, cancellationToken), observed, concurrency, OnResult, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            // The input broke off after the run started (e.g. a pipe error): report what finished.
            note = $"Reading the list failed after {_counts.Finished} lines: {TerminalText.Safe(ex.Message.TrimEnd('.'))}. The summary covers what was read.";
        }

        var interrupted = cancellationToken.IsCancellationRequested && !(_source.Total is { } all && _counts.Finished >= all);
        return await FinishAsync(header, TimeProvider.System.GetElapsedTime(started), note, interrupted).ConfigureAwait(false);
    }

    private async Task<int> FinishAsync(RunHeader? header, TimeSpan elapsed, string? note, bool interrupted)
    {
        var exitCode = interrupted ? ExitCodes.Interrupted : _counts.Errors > 0 || note is not null ? ExitCodes.Failed : ExitCodes.Ok;
        var summary = new RunSummary(_source.Command, header, _counts, _source.Total, _source.Nouns, elapsed, interrupted, exitCode)
        {
            Shard = (_source as Sharding.ShardJobSource)?.Report,
        };

        // Progress first, so its last frame is settled before the note and the summary are printed below it.
        if (_progress is not null)
        {
            await _progress.FinishAsync(summary).ConfigureAwait(false);
        }

        if (note is not null)
        {
            await _output.Error.WriteLineAsync(note).ConfigureAwait(false);
        }

        foreach (var reporter in _reporters.Where(r => r != _progress))
        {
            await reporter.FinishAsync(summary).ConfigureAwait(false);
        }

        DisposeReporters();
        return exitCode;
    }

    private void DisposeReporters()
    {
        foreach (var reporter in _reporters.OfType<IDisposable>())
        {
            reporter.Dispose();
        }
    }

    private IEnumerable<DownloadJob> Jobs(string folder, CancellationToken cancellationToken)
    {
        foreach (var entry in _source.Entries())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (entry.Job is not { } job)
            {
                Report(entry.Duplicate
                    ? new ItemOutcome(entry, DownloadStatus.Duplicate, 0, 0, null)
                    : new ItemOutcome(entry, DownloadStatus.Error, 0, 0, entry.Problem));
                continue;
            }

            var target = Path.Combine(folder, job.FileName);
            if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(target)), folder, StringComparison.Ordinal))
            {
                // Sanitised names have no separators, so this cannot happen; it guards the promise anyway.
                Report(new ItemOutcome(entry, DownloadStatus.Error, 0, 0, $"'{job.FileName}' would be saved outside the output folder"));
                continue;
            }

            if (_settings.SkipExisting && File.Exists(target))
            {
                // Targets only ever appear by rename after a complete download, so an existing one is complete.
                Report(new ItemOutcome(entry, DownloadStatus.Skipped, 0, 0, null));
                continue;
            }

            _inFlight[job.Key] = entry;
            yield return _timeline?.Recorder is { Enabled: true } recorder
                ? job with { Timeline = new TimelineTicket(recorder.NextJob(), recorder.Now()) }
                : job;
        }
    }

    private void OnResult(DownloadResult result)
    {
        if (_inFlight.TryRemove(result.Key, out var entry))
        {
            Report(new ItemOutcome(entry, result.Status, result.Attempts, result.Bytes, result.Error) { Transfer = result.Transfer });
        }
    }

    private void Report(ItemOutcome outcome)
    {
        lock (_gate)
        {
            _counts.Add(outcome);
            foreach (var reporter in _reporters)
            {
                reporter.Report(outcome, _counts);
            }
        }
    }
}
