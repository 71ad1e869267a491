using System.Runtime.InteropServices;
using Flags.Cli;

// Ctrl+C (SIGINT) cancels the run: no new downloads start, those in flight stop and delete their .part files, the
// summary of what finished is printed, and the exit code is 130. SIGTERM does the same (and stops `flags serve`).
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // keep the process alive long enough to clean up and print the summary
    interrupt.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupt.Cancel();
});

return await FlagsApp.RunAsync(args, Console.Out, Console.Error, progressAllowed: !Console.IsErrorRedirected, interrupt.Token)
    .ConfigureAwait(false);
