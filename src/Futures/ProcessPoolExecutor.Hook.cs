using Futures.Worker;

namespace Futures;

public sealed partial class ProcessPoolExecutor
{
    /// <summary>
    /// Makes this application's own executable able to serve as a worker process (Python's <c>freeze_support()</c>).
    /// Call it on the first line of Main: <c>if (ProcessPoolExecutor.RunWorkerIfRequested(args)) return;</c>.
    /// </summary>
    /// <remarks>
    /// <para>In a self-contained, single-file or Native AOT app there is no <c>dotnet</c> host to run the Futures.Worker
    /// host with, so the pool starts the application's own executable with a marker argument instead. In that process
    /// this method runs the worker loop until the parent is done with it, then returns true, and Main must return at
    /// once. Everywhere else it only notes that the application has the hook, and returns false.</para>
    /// <para>A pool that needs the hook in an application that never called it fails its first Submit with a message
    /// that shows this line; it never starts the application's Main as a worker. A worker never starts workers.</para>
    /// </remarks>
    /// <param name="args">The arguments Main received.</param>
    /// <returns>True if this process was a worker and its work is done (return from Main); false otherwise.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> is null.</exception>
    public static bool RunWorkerIfRequested(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != WorkerMode.Marker)
        {
            WorkerMode.HookCalled = true;
            return false;
        }

        if (!WorkerMode.TryReadParentPid(args, 1, out var parentPid) || !WorkerMode.IsWorkerProcess)
        {
            Console.Error.WriteLine(
                $"{WorkerMode.Marker} is passed by ProcessPoolExecutor to start a worker process; it is not meant to be used by hand.");
            Environment.Exit(2);
        }

        // Whatever Main returns after this, the worker's own exit code is the one the pool sees.
        var exitCode = WorkerMode.Run(parentPid);
        if (exitCode != 0)
        {
            Environment.Exit(exitCode);
        }

        return true;
    }
}
