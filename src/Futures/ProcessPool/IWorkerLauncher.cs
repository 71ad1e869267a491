using System.Diagnostics;

namespace Futures.ProcessPool;

/// <summary>
/// Starts one worker process for a pool: a process that speaks the frame protocol on its stdin and stdout. Today's
/// launcher is <see cref="WorkerLauncher"/> (the Futures.Worker host under <c>dotnet exec</c>); another launch mode (the
/// application's own executable in worker mode) is another implementation, chosen when the pool is made.
/// </summary>
internal interface IWorkerLauncher
{
    /// <summary>Starts a worker with stdin and stdout redirected; stderr is the parent's.</summary>
    /// <exception cref="InvalidOperationException">No worker can be started; the message says what is missing.</exception>
    Process Start();
}
