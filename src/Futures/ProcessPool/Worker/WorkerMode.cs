using System.Globalization;

namespace Futures.Worker;

/// <summary>
/// What marks a worker process, shared by both launch modes: the marker argument that makes an application's own
/// executable a worker, and the environment variable that every launcher sets. The variable is the fork-bomb guard: a
/// process that has it (a worker, or anything a worker starts) never starts workers, so an application whose Main does
/// not hand over to <c>ProcessPoolExecutor.RunWorkerIfRequested</c> cannot multiply itself.
/// </summary>
internal static class WorkerMode
{
    /// <summary>The first argument of an application's own executable started as a worker.</summary>
    public const string Marker = "--futures-process-pool-worker";

    /// <summary>Set by the launchers in every worker's environment; its value is the parent's process id.</summary>
    public const string EnvironmentVariable = "FUTURES_PROCESS_POOL_WORKER";

    private static volatile bool s_hookCalled;

    /// <summary>Whether this process's Main called the hook (so its own executable can serve as a worker).</summary>
    public static bool HookCalled
    {
        get => s_hookCalled;
        set => s_hookCalled = value;
    }

    /// <summary>True in a worker process and in every process started from one.</summary>
    public static bool IsWorkerProcess => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 };

    /// <summary>Reads <c>--parent-pid N</c> at <paramref name="index"/>; the rest of the arguments must be empty.</summary>
    public static bool TryReadParentPid(string[] args, int index, out int parentPid)
    {
        parentPid = 0;
        return args.Length == index + 2
            && args[index] == "--parent-pid"
            && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out parentPid);
    }

    /// <summary>Runs the worker loop for <paramref name="parentPid"/> until the parent is done; returns the exit code.</summary>
    public static int Run(int parentPid)
    {
        ParentWatch.Start(parentPid);
        return WorkerHost.Run();
    }
}
