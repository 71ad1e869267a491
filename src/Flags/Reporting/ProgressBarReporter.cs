using Flags.Engine;
using Spectre.Console;

namespace Flags.Reporting;

/// <summary>
/// The progress bar on stderr (Spectre.Console) for a run of known length: drawn only when stderr is a terminal and
/// neither -v nor --json is given, redrawn at most 10 times a second, left on screen at the end as the flags run
/// always showed it.
/// </summary>
internal sealed class ProgressBarReporter(TextWriter error, int total) : IRunReporter
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProgressTask? _task;
    private Task? _display;

    /// <summary>How often the bar may be redrawn.</summary>
    public static TimeSpan RefreshRate { get; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public void Start(RunHeader header)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });
        var progress = console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn());
        progress.RefreshRate = RefreshRate;
        _display = progress.StartAsync(async context =>
        {
            _task = context.AddTask("flags", autoStart: true, maxValue: Math.Max(1, total));
            _ready.TrySetResult();
            await _finished.Task.ConfigureAwait(false);
        });

        // The task exists before the first outcome is counted (StartAsync runs the delegate at once).
        _ready.Task.Wait(TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc />
    public void Report(ItemOutcome outcome, RunCounts counts) => _task?.Increment(1);

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
