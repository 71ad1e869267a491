using System.Globalization;
using Futures;

namespace Loiter;

/// <summary>
/// Fluent Python's demo_executor_map: Map over 0..4 with three workers, where loiter(n) does nothing for n seconds
/// and returns n * 10. The timestamps show the work overlapping while the results still come out in order.
/// </summary>
/// <remarks>
/// <c>dotnet run --project samples/Loiter</c> runs it with one-second units; <c>-- --unit 0.05</c> makes each unit
/// 0.05 s, which is how the tests run it. <c>-- --svg loiter.svg</c> also draws the timeline: a lane per worker, a
/// bar per loiter call, and under the time axis the moments Map handed each result back.
/// </remarks>
internal static class LoiterProgram
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the demo, writing the timeline to <paramref name="output"/>; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var unit, out var svgPath, out var problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        var log = new Timeline(TextWriter.Synchronized(output));
        var picture = new LoiterPicture(log.Display("Script starting."), unit);
        using var executor = new ThreadPoolExecutor(maxWorkers: 3);
        var results = executor.Map(n => Loiter(n, unit, log, picture), Enumerable.Range(0, 5));
        log.Display($"results: {Describe(results)}");
        log.Display("Waiting for individual results:");
        var i = 0;
        foreach (var result in results)
        {
            picture.ResultHandedBack(i, log.Display($"result {i}: {result}"));
            i++;
        }

        if (svgPath is not null)
        {
            try
            {
                File.WriteAllText(svgPath, picture.Render());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"Cannot write the picture to '{svgPath}': {ex.Message} Choose a writable path for --svg.");
                return 1;
            }

            log.Display($"Timeline written to {svgPath}.");
        }

        return 0;
    }

    private static int Loiter(int n, TimeSpan unit, Timeline log, LoiterPicture picture)
    {
        var indent = new string('\t', n);
        var seconds = (unit * n).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var started = log.Display($"{indent}loiter({n}): doing nothing for {seconds}s...");
        Thread.Sleep(unit * n); // The demo's work is doing nothing; samples may sleep.
        picture.Ran(n, started, log.Display($"{indent}loiter({n}): done."));
        return n * 10;
    }

    // Python prints "<generator object ...>": Map has returned a lazy sequence, not the results.
    private static string Describe(IEnumerable<int> results) =>
        results is IList<int> ? "<list>" : "<lazy IEnumerable<int>>";

    private static bool TryParse(string[] args, out TimeSpan unit, out string? svgPath, out string problem)
    {
        unit = TimeSpan.FromSeconds(1);
        svgPath = null;
        problem = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 < args.Length && args[i] == "--unit"
                && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 0 and <= 60)
            {
                unit = TimeSpan.FromSeconds(seconds);
            }
            else if (i + 1 < args.Length && args[i] == "--svg" && args[i + 1].Length > 0)
            {
                svgPath = args[i + 1];
            }
            else
            {
                problem = $"'{string.Join(' ', args)}' is not a valid argument list. Use no arguments, --unit SECONDS (0 to 60, e.g. --unit 0.05) and/or --svg FILE.";
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes lines stamped with the local time, as the demo's display() does.</summary>
    private sealed class Timeline(TextWriter output)
    {
        /// <summary>Prints <paramref name="message"/> and returns the time stamped on it.</summary>
        public DateTimeOffset Display(string message)
        {
            var now = TimeProvider.System.GetLocalNow();
            output.WriteLine($"[{now:HH:mm:ss.fff}] {message}");
            return now;
        }
    }
}
