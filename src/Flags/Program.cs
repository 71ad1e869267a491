using System.Runtime.InteropServices;
using Flags.Commands;

// Ctrl+C (SIGINT) cancels the run at any moment, from here on: no new downloads start, those in flight stop and
// delete their .part files, the summary of what finished is printed, and the exit code is 130. SIGTERM does the same
// (and stops `flags serve`). Registered before anything else, so even server start-up and the code-list read end
// with a summary.
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

var context = new CommandContext(Input: null, ProgressAllowed: !Console.IsErrorRedirected, TerminalWidth: () => Console.WindowWidth);
return await FlagsApp.RunAsync(args, context, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
