using System.Runtime.InteropServices;
using Flags.Commands;

// A socket's completions run on the socket engine's own threads (one per core) instead of being queued to the thread
// pool: each response then continues where it was read, without a thread hop and the wake-up behind it. 10,000 4 KB
// files at -m 64: 1.09-1.28x faster, up to 24% less CPU, a third of the context switches (docs/benchmarks.md, "Issue
// 18, last pass", part 3). The runtime reads the setting once, when the first socket is made, so it is set before
// anything else. A continuation that blocked would hold up the other sockets of its engine: flags' never wait on
// another socket, and blocking work (the threads, futures and sequential strategies, -x ranges) has threads of its
// own. A value the user set in the environment wins.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

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
var run = FlagsApp.RunAsync(args, context, Console.Out, Console.Error, interrupt.Token);

// The run goes on on other threads (thread pool, socket engines). Block this thread on a wait handle instead of
// awaiting: an async Main waits with Task's spin-then-block wait, whose sched_yield loop takes turns on a core from the
// threads doing the work (a one-request run: 53 to 115 context switches with it, 34 to 43 without; perf stat, 2
// loaded cores).
((IAsyncResult)run).AsyncWaitHandle.WaitOne();
return run.GetAwaiter().GetResult();
