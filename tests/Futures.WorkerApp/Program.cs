using System.Globalization;
using Futures;
using Futures.WorkerApp;

// Usage: Futures.WorkerApp pool | without-hook | nested
//   pool: runs a two-worker pool and prints what came back, one "name: value" line each.
//   without-hook: skips the hook, as an app that forgot it does, and prints the first Submit's failure.
//   nested: a task that itself makes a pool, in a worker, and prints what its Submit said.
// FUTURES_WORKERAPP_LOG names a file that gets a line each time Main starts (in this process and in any worker).
if (Environment.GetEnvironmentVariable("FUTURES_WORKERAPP_LOG") is { Length: > 0 } log)
{
    File.AppendAllText(log, $"main {Environment.ProcessId} {string.Join(' ', args)}\n");
}

if (args is not ["without-hook"] && ProcessPoolExecutor.RunWorkerIfRequested(args))
{
    return 0;
}

using var pool = new ProcessPoolExecutor(maxWorkers: 2);
switch (args)
{
    case ["pool"]:
        Console.WriteLine($"square: {pool.Submit(AppJobs.Square, 7).Result()}");
        Console.WriteLine($"map: {string.Join(',', pool.Map(AppJobs.Square, Enumerable.Range(1, 10), chunkSize: 3))}");
        Console.WriteLine($"async: {pool.Submit(AppJobs.DoubleLaterAsync, 21).Result()}");
        Console.WriteLine($"other process: {pool.Submit(AppJobs.ProcessId).Result() != Environment.ProcessId}");
        var failed = pool.Submit(AppJobs.Fail, 3).Exception();
        Console.WriteLine($"exception: {failed?.GetType().Name}: {failed?.Message}");
        return 0;
    case ["without-hook"]:
        try
        {
            _ = pool.Submit(AppJobs.Square, 7).Result();
            Console.WriteLine("submitted");
            return 0;
        }
        catch (BrokenProcessPoolException ex)
        {
            Console.WriteLine(ex.Message);
            return 3;
        }

    case ["nested"]:
        Console.WriteLine(pool.Submit(AppJobs.SubmitFromWorker).Result());
        return 0;
    default:
        Console.Error.WriteLine($"Usage: Futures.WorkerApp pool | without-hook | nested (got '{string.Join(' ', args)}').");
        return 2;
}

namespace Futures.WorkerApp
{
    /// <summary>The work the app's pool runs: it lives in the app itself, as in a single-file or Native AOT app.</summary>
    internal static class AppJobs
    {
        public static int Square(int x) => x * x;

        public static int ProcessId() => Environment.ProcessId;

        public static async Task<int> DoubleLaterAsync(int x)
        {
            await Task.Yield();
            return x * 2;
        }

        public static int Fail(int item) => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"failed on {item}"));

        /// <summary>Makes a pool inside a worker and submits to it: the fork-bomb guard must refuse.</summary>
        public static string SubmitFromWorker()
        {
            using var nested = new ProcessPoolExecutor(maxWorkers: 1);
            try
            {
                return $"nested result: {nested.Submit(Square, 2).Result()}";
            }
            catch (BrokenProcessPoolException ex)
            {
                return $"refused: {ex.Message}";
            }
        }
    }
}
