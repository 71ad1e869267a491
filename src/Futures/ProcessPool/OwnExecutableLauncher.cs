using System.Diagnostics;
using Futures.Worker;

namespace Futures.ProcessPool;

/// <summary>
/// Starts workers from the application's own executable: <c>app --futures-process-pool-worker --parent-pid N</c>, which
/// <see cref="ProcessPoolExecutor.RunWorkerIfRequested"/> at the top of the app's Main turns into the worker loop (the
/// way Python's "spawn" start method runs the program again). This is the launch mode of self-contained, single-file
/// and Native AOT apps, which have no <c>dotnet</c> host to run Futures.Worker.dll with.
/// </summary>
/// <param name="executable">The executable to start: the application's own (Environment.ProcessPath) unless a test says otherwise.</param>
internal sealed class OwnExecutableLauncher(string executable) : IWorkerLauncher
{
    /// <summary>The executable this launcher starts.</summary>
    public string Executable { get; } = executable;

    /// <inheritdoc />
    public Process Start() => WorkerLauncher.StartProcess(
        Executable,
        [WorkerMode.Marker],
        "The application's own executable starts the workers of a self-contained, single-file or Native AOT app; check that it is still there and executable.");
}
