namespace Futures.Worker;

/// <summary>Entry point of a ProcessPoolExecutor worker process.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (!WorkerMode.TryReadParentPid(args, 0, out var parentPid) || !WorkerMode.IsWorkerProcess)
        {
            Console.Error.WriteLine(
                "Futures.Worker is started by ProcessPoolExecutor with --parent-pid <pid>; it is not meant to be run by hand.");
            return 2;
        }

        return WorkerMode.Run(parentPid);
    }
}
