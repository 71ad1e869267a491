using System.Globalization;
using Futures;

namespace Loiter;

/// <summary>
/// Fluent Python's demo_executor_map: Map over 0..4 with three workers, where loiter(n) does nothing for n seconds
/// and returns n * 10. The timestamps show the work overlapping while the results still come out in order.
/// </summary>
/// <remarks>
/// <c>dotnet run --project samples/Loiter</c> runs it with one-second units; <c>-- --unit 0.05</c> makes each unit
/// 0.05 s, which is how the tests run it.
/// </remarks>
internal static class LoiterProgram
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the demo, writing the timeline to <paramref name="output"/>; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParseUnit(args, out var unit, out var problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        var log = new Timeline(TextWriter.Synchronized(output));
        log.Display("Script starting.");
        using var executor = new ThreadPoolExecutor(maxWorkers: 3);
        var results = executor.Map(n => Loiter(n, unit, log), Enumerable.Range(0, 5));
        log.Display($"results: {Describe(results)}");
        log.Display("Waiting for individual results:");
        var i = 0;
        foreach (var result in results)
        {
            log.Display($"result {i++}: {result}");
        }

        return 0;
    }

    private static int Loiter(int n, TimeSpan unit, Timeline log)
    {
        var indent = new string('\t', n);
        var seconds = (unit * n).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        log.Display($"{indent}loiter({n}): doing nothing for {seconds}s...");
        Thread.Sleep(unit * n); // The demo's work is doing nothing; samples may sleep.
        log.Display($"{indent}loiter({n}): done.");
        return n * 10;
    }

    // Python prints "<generator object ...>": Map has returned a lazy sequence, not the results.
    private static string Describe(IEnumerable<int> results) =>
        results is IList<int> ? "<list>" : "<lazy IEnumerable<int>>";

    private static bool TryParseUnit(string[] args, out TimeSpan unit, out string problem)
    {
        unit = TimeSpan.FromSeconds(1);
        problem = "";
        if (args.Length == 0)
        {
            return true;
        }

        if (args.Length == 2 && args[0] == "--unit"
            && double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 60)
        {
            unit = TimeSpan.FromSeconds(seconds);
            return true;
        }

        problem = $"'{string.Join(' ', args)}' is not a valid argument list. Use no arguments, or --unit SECONDS (0 to 60, e.g. --unit 0.05).";
        return false;
    }

    /// <summary>Writes lines stamped with the local time, as the demo's display() does.</summary>
    private sealed class Timeline(TextWriter output)
    {
        public void Display(string message) =>
            output.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss.fff}] {message}");
    }
}
