using System.Diagnostics;
using Futures.ProcessPool;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// Launchers that fail the way a broken install does: the real launcher pointed at a folder without Futures.Worker.dll,
/// after <paramref name="goodStarts"/> real workers started from the application's folder.
/// </summary>
internal sealed class WorkerHostMissingAfter(int goodStarts, string emptyFolder) : IWorkerLauncher
{
    private readonly WorkerLauncher _missing = new(emptyFolder);
    private int _starts;

    public Process Start() => Interlocked.Increment(ref _starts) <= goodStarts
        ? WorkerLauncher.ForApplication.Start()
        : _missing.Start();
}
