using System.Collections.Concurrent;
using Flags.Engine;
using Flags.Engine.BigFiles;
using Spectre.Console;

namespace Flags.Reporting;

/// <summary>
/// The progress display for big files (a fetch with -c, -x, --limit-rate, --checksum or --digest), on stderr with
/// Spectre.Console as the flags bar: one line per file in flight with its bytes and total, percentage, rate and ETA,
/// and a total line over every file begun so far. Redrawn at most 10 times a second; file lines go when they finish,
/// and the display is cleared at the end so the summary starts on a clean line. Drawn only when stderr is a terminal.
/// </summary>
internal sealed class TransferProgressReporter(TextWriter error) : IRunReporter, ITransferProgress
{
    private readonly TaskCompletionSource<ProgressContext> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, ProgressTask> _files = new(StringComparer.Ordinal);
    private ProgressTask? _total;
    private Task? _display;

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });
        var progress = console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn());
        progress.RefreshRate = ProgressBarReporter.RefreshRate;
        _display = progress.StartAsync(async context =>
        {
            _total = context.AddTask("total", autoStart: true, maxValue: 0);
            _ready.TrySetResult(context);
            await _finished.Task.ConfigureAwait(false);
        });
        _ready.Task.Wait(TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc />
    public void Begin(DownloadJob job, long? total, long already)
    {
        if (!_ready.Task.IsCompletedSuccessfully)
        {
            return;
        }

        // A retry begins again: the line is replaced, and the total counts the file once.
        if (_files.TryRemove(job.Key, out var old))
        {
            _total?.Increment(-old.Value);
            _total!.MaxValue -= old.MaxValue;
            old.StopTask();
        }

        var name = TerminalText.Safe(job.FileName);
        var task = _ready.Task.Result.AddTask(name.Length > 40 ? name[..39] + "…" : name, autoStart: true, maxValue: total ?? 1);
        task.IsIndeterminate = total is null;
        task.Increment(already);
        _files[job.Key] = task;
        if (_total is not null)
        {
            _total.MaxValue += total ?? 0;
            _total.Increment(already);
        }
    }

    /// <inheritdoc />
    public void Add(DownloadJob job, long bytes)
    {
        if (_files.TryGetValue(job.Key, out var task))
        {
            task.Increment(bytes);
            _total?.Increment(bytes);
        }
    }

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts)
    {
        if (outcome.Entry.Job is { } job && _files.TryRemove(job.Key, out var task))
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    /// <inheritdoc />
    public async Task FinishAsync(RunSummary summary)
    {
        _finished.TrySetResult();
        if (_display is not null)
        {
            await _display.ConfigureAwait(false);
        }
    }
}
