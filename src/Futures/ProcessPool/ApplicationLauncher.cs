using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Futures.Worker;

namespace Futures.ProcessPool;

/// <summary>
/// The launcher of an application's pools. It picks the launch mode once, by itself: the Futures.Worker host under
/// <c>dotnet exec</c> where that works (a framework-dependent app whose .dll files are on disk, with Futures.Worker.dll
/// beside them); otherwise the application's own executable in worker mode (self-contained, single-file and Native
/// AOT apps), which needs <see cref="ProcessPoolExecutor.RunWorkerIfRequested"/> at the top of Main. In a worker
/// process it starts nothing (the fork-bomb guard).
/// </summary>
internal sealed class ApplicationLauncher : IWorkerLauncher
{
    /// <summary>The line a Main needs for the own-executable mode, as the missing-hook message shows it.</summary>
    internal const string HookLine = "if (ProcessPoolExecutor.RunWorkerIfRequested(args)) return;";

    private readonly Lazy<(IWorkerLauncher Launcher, string? OwnMode)> _mode = new(Choose);

    /// <inheritdoc />
    public Process Start()
    {
        if (WorkerMode.IsWorkerProcess)
        {
            throw new InvalidOperationException(
                $"this process is itself a worker process ({WorkerMode.EnvironmentVariable} is set), and a worker never starts workers, so that an application cannot start itself without end. Run the nested work in this worker directly, or on a ThreadPoolExecutor.");
        }

        var (launcher, ownMode) = _mode.Value;
        if (ownMode is not null && !WorkerMode.HookCalled)
        {
            throw new InvalidOperationException(
                $"the workers of this app ({ownMode}) are its own executable in worker mode, and its Main never called the hook that runs them. Add this line at the top of Main (with `return 0;` in a Main that returns a code): {HookLine} (see docs/process-pool.md).");
        }

        return launcher.Start();
    }

    /// <summary>The launcher, and the kind of app (for messages) when it is the own-executable mode.</summary>
    private static (IWorkerLauncher Launcher, string? OwnMode) Choose()
    {
        var directory = AppContext.BaseDirectory;
        var ownMode = OwnExecutableKind(directory);
        if (ownMode is null && File.Exists(Path.Combine(directory, WorkerLauncher.WorkerFileName)))
        {
            return (new WorkerLauncher(directory), null);
        }

        // A framework-dependent app without the worker host can still run workers from its apphost, if it has one.
        var self = Environment.ProcessPath;
        var isDotnetHost = self is null || Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost
            ? (new WorkerLauncher(directory), null)
            : (new OwnExecutableLauncher(self!), ownMode ?? "framework-dependent, without Futures.Worker.dll");
    }

    /// <summary>"Native AOT", "single-file" or "self-contained" when the app cannot run Futures.Worker.dll; else null.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location is what marks a single-file app here.")]
    private static string? OwnExecutableKind(string directory)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return "Native AOT";
        }

        if (string.IsNullOrEmpty(typeof(ApplicationLauncher).Assembly.Location))
        {
            return "single-file";
        }

        // A self-contained app carries its runtime in its own folder; a framework-dependent one runs on a shared one.
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        return !string.IsNullOrEmpty(runtime) && SameDirectory(runtime, directory) ? "self-contained" : null;
    }

    private static bool SameDirectory(string a, string b) =>
        string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
