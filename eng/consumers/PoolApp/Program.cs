// Prints one line per executor: "threads: ok ..." and "processes: ok ..." or "processes: unsupported: <message>".
// Exit code 0 when every executor either worked or, for the process pool, refused at the first Submit with a
// one-line message; 1 on a wrong result or any other failure.
using Futures;

// A self-contained, single-file or Native AOT app runs its pool's workers from its own executable (docs/process-pool.md).
if (ProcessPoolExecutor.RunWorkerIfRequested(args))
{
    return 0;
}

var timeout = TimeSpan.FromSeconds(30);
try
{
    using (var threads = new ThreadPoolExecutor(maxWorkers: 2))
    {
        int[] squares = [.. threads.Map(Jobs.Square, Enumerable.Range(1, 5), timeout: timeout)];
        int single = threads.Submit(Jobs.Square, 12).Result(timeout);
        if (!squares.SequenceEqual([1, 4, 9, 16, 25]) || single != 144)
        {
            Console.WriteLine($"threads: wrong results {string.Join(',', squares)} {single}");
            return 1;
        }

        Console.WriteLine("threads: ok");
    }

    using var processes = new ProcessPoolExecutor(maxWorkers: 2);
    int workerPid;
    try
    {
        workerPid = processes.Submit(Jobs.ProcessId, 0).Result(timeout);
    }
    catch (Exception ex) when (ex is not TimeoutException)
    {
        Console.WriteLine($"processes: unsupported: {ex.GetType().Name}: {ex.Message}");
        return 0;
    }

    int[] cubes = [.. processes.Map(Jobs.Cube, Enumerable.Range(1, 4), timeout: timeout, chunkSize: 2)];
    if (workerPid == Environment.ProcessId || !cubes.SequenceEqual([1, 8, 27, 64]))
    {
        Console.WriteLine($"processes: wrong results pid {workerPid} (own {Environment.ProcessId}) {string.Join(',', cubes)}");
        return 1;
    }

    Console.WriteLine($"processes: ok, worker pid {workerPid}");
    return 0;
}
catch (Exception ex)
{
    Console.WriteLine($"failed: {ex}");
    return 1;
}

internal static class Jobs
{
    public static int Square(int n) => n * n;

    public static int Cube(int n) => n * n * n;

    public static int ProcessId(int _) => Environment.ProcessId;
}
