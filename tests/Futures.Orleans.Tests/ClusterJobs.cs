using System.Diagnostics;

namespace Futures.Orleans.Tests;

/// <summary>
/// Work for the cluster-specific tests: static methods with plain arguments. Coordination goes through files, so the
/// same jobs work in silo processes; the in-process concurrency gauge works only in an in-process cluster.
/// </summary>
public static class ClusterJobs
{
    private static int s_running;
    private static int s_maxRunning;

    /// <summary>The silo that ran the job.</summary>
    public static string WhereAmI(int item) => $"{item}@{ClusterWorkContext.Silo}";

    /// <summary>Counts how many jobs run at once (in this process), holding each for a few milliseconds of work.</summary>
    public static int Gauge(int item)
    {
        var now = Interlocked.Increment(ref s_running);
        int seen;
        while ((seen = Volatile.Read(ref s_maxRunning)) < now && Interlocked.CompareExchange(ref s_maxRunning, now, seen) != seen)
        {
        }

        Thread.Sleep(15); // the work being measured, not a wait for something
        Interlocked.Decrement(ref s_running);
        return item;
    }

    /// <summary>The most Gauge jobs seen running at once since the last reset.</summary>
    public static int MaxRunning => Volatile.Read(ref s_maxRunning);

    public static void ResetGauge() => Volatile.Write(ref s_maxRunning, 0);

    /// <summary>
    /// args = [directory, item]: leaves a marker <c>started-{item}-{n}</c> holding the silo's address, then waits for
    /// <c>release</c> in the directory; returns item squared.
    /// </summary>
    public static int Hold(string[] args)
    {
        var item = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(args[0], $"started-{item}-{Guid.NewGuid():N}"), ClusterWorkContext.Silo ?? $"pid {Environment.ProcessId}");
        WaitForFile(Path.Combine(args[0], "release"));
        return item * item;
    }

    /// <summary>
    /// args = [directory]: the first attempt leaves <c>first</c> and hangs until <c>release</c>; any later attempt
    /// returns 2 at once. Shows a retried call running twice.
    /// </summary>
    public static int HangFirstTime(string[] args)
    {
        var first = Path.Combine(args[0], "first");
        try
        {
            using (new FileStream(first, FileMode.CreateNew))
            {
            }
        }
        catch (IOException)
        {
            return 2;
        }

        WaitForFile(Path.Combine(args[0], "release"));
        return 1;
    }

    /// <summary>Throws an exception type that cannot be rebuilt from a message (it has no such constructor).</summary>
    public static int ThrowUnbuildable(int code) => throw new QuotaExceededException(code);

    private static void WaitForFile(string path)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Release file {path} never appeared.");
            }

            Thread.Sleep(5);
        }
    }
}

/// <summary>An application exception that formats its own message, so that the caller cannot rebuild it by type.</summary>
public sealed class QuotaExceededException(int code) : Exception($"quota {code} exceeded")
{
    public int Code { get; } = code;
}
