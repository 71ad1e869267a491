using Spectre.Console;

namespace Flags.Reporting;

/// <summary>The progress bar on stderr (Spectre.Console), used only when stderr is a terminal and -v is off.</summary>
internal static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/> under a live bar of <paramref name="total"/> steps drawn on
    /// <paramref name="error"/>; <paramref name="work"/> receives the callback that advances the bar by one.
    /// </summary>
    public static async Task RunAsync(TextWriter error, int total, Func<Action, Task> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = InteractionSupport.Yes,
        });
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("flags", autoStart: true, maxValue: Math.Max(1, total));
                await work(() => task.Increment(1)).ConfigureAwait(false);
            })
            .ConfigureAwait(false);
    }
}
