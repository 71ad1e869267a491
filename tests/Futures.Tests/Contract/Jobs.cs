using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Futures.Tests.Contract;

/// <summary>
/// The work that the executor contract submits: static methods with simple serializable arguments and results, so that
/// an executor running work in other processes can run every contract case. Coordination with the test goes through
/// files (a job waits for a release file, or leaves a marker file), never through shared memory.
/// </summary>
public static class Jobs
{
    /// <summary>The message of the exception that <see cref="FailOn"/> and <see cref="Fail"/> throw, for the item given.</summary>
    public static string FailureMessage(int item) => $"job failed on item {item}";

    public static int Answer() => 42;

    public static int Square(int x) => x * x;

    public static long SumTo(long n) => n * (n + 1) / 2;

    public static string Shout(string text) => text.ToUpperInvariant() + "!";

    public static int[] Reversed(int[] items) => [.. items.Reverse()];

    public static int Length(string[] items) => items.Length;

    /// <summary>Throws an <see cref="ArgumentException"/> whose message names the item.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Fail(int item) => throw new ArgumentException(FailureMessage(item));

    /// <summary>Squares <paramref name="x"/>, except that item <see cref="FailingItem"/> throws.</summary>
    public static int FailOn(int x) => x == FailingItem ? Fail(x) : x * x;

    /// <summary>The item that <see cref="FailOn"/> fails on.</summary>
    public const int FailingItem = 3;

    /// <summary>Sleeps, then returns the milliseconds slept. The sleep is the work here, not a way to wait for something.</summary>
    public static int SleepMilliseconds(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    /// <summary>Blocks until the file <paramref name="releasePath"/> exists (at most 30 s), then returns 1.</summary>
    /// <exception cref="TimeoutException">The file did not appear; the test forgot to release the job.</exception>
    public static int WaitForFile(string releasePath)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(releasePath))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Release file {releasePath} never appeared.");
            }

            Thread.Sleep(2);
        }

        return 1;
    }

    /// <summary>
    /// Creates the marker file <c>args[0]</c>, then, if <c>args[1]</c> is not empty, waits for that release file; returns
    /// the item number <c>args[2]</c>. Marker files show afterwards which items ran at all.
    /// </summary>
    public static int MarkThenWait(string[] args)
    {
        File.WriteAllText(args[0], "ran");
        if (args[1].Length > 0)
        {
            WaitForFile(args[1]);
        }

        return int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    }
}
