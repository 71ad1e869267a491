using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>Entry point of a ProcessPoolExecutor worker process.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "--parent-pid" || !int.TryParse(args[1], out var parentPid))
        {
            Console.Error.WriteLine(
                "Futures.Worker is started by ProcessPoolExecutor with --parent-pid <pid>; it is not meant to be run by hand.");
            return 2;
        }

        ParentWatch.Start(parentPid);
        return WorkerHost.Run();
    }
}
