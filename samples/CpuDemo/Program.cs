using System.Diagnostics;
using System.Globalization;
using CpuDemo;
using Futures;

// Usage: CpuDemo [--small] [--workers N] [--repeat N] [--svg FILE]
//   Times each workload sequentially, on ThreadPoolExecutor and on ProcessPoolExecutor, and prints a table of times and
//   speed-ups over the sequential run. --small runs a quick workload (for tests). Each time is the best of --repeat runs
//   (default 3), since a shared machine adds noise that only ever makes a run slower. --svg FILE also draws the times
//   as bars, sequential, thread pool and process pool side by side per workload.
// Published self-contained, single-file or Native AOT, the process pool's workers are this executable itself: the
// first line hands such a process to the worker loop (Python's freeze_support()).
if (ProcessPoolExecutor.RunWorkerIfRequested(args))
{
    return 0;
}

var small = false;
var workers = Environment.ProcessorCount;
var repeat = 3;
string? svg = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--small":
            small = true;
            break;
        case "--workers" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            workers = n;
            i++;
            break;
        case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0:
            repeat = r;
            i++;
            break;
        case "--svg" when i + 1 < args.Length && args[i + 1].Length > 0:
            svg = args[++i];
            break;
        default:
            Console.Error.WriteLine(
                $"'{args[i]}' is not an option. Use --small for a quick run, --workers N for the pool size, --repeat N for the runs per time (N >= 1) and --svg FILE for a chart.");
            return 2;
    }
}

// primes: descending, as proc_pool.py sorts them, so the longest checks start first.
long[] numbers = small
    ? [.. Enumerable.Range(0, 20).Select(i => 1_000_000_000L + (i * 7))]
    : [.. Workloads.PrimeFixture.Select(p => p.Number).OrderDescending()];
ShaJob[] shaJobs = [.. Enumerable.Range(1, 12).Select(seed => new ShaJob(seed, small ? 64 * 1024 : 1024 * 1024))];

Console.WriteLine(
    $"CPU-bound demo{(small ? " (small workload)" : "")}: {workers} workers per pool, {Environment.ProcessorCount} cores, best of {repeat}");
Console.WriteLine();
Console.WriteLine($"{"Workload",-24} {"Sequential",10} {"ThreadPool",10} {"speed-up",8} {"ProcessPool",11} {"speed-up",8}");
Console.WriteLine(new string('-', 76));

// Warm-up items: one or two per worker, small enough to cost little, big enough that every worker gets one.
long[] primeWarmUp = [.. Enumerable.Repeat(1_000_000_007L, workers * 2)];
var primes = Measure(Workloads.IsPrime, static (pool, items) => pool.Map(Workloads.IsPrime, items), numbers, primeWarmUp, workers, repeat);
if (!small)
{
    var expected = Workloads.PrimeFixture.ToDictionary(p => p.Number, p => p.Prime);
    if (numbers.Where((number, i) => expected[number] != primes.Results[i]).Any())
    {
        Console.Error.WriteLine("A primality result differs from primes.py's fixture.");
        return 1;
    }
}

PrintRow($"primes ({numbers.Length} numbers)", primes.Times);
var sha = Measure(
    Workloads.Sha256Job, static (pool, items) => pool.Map(Workloads.Sha256Job, items), shaJobs, [.. Enumerable.Repeat(new ShaJob(0, 64 * 1024), workers * 2)], workers, repeat);
PrintRow($"sha256 (12 x {shaJobs[0].Size / 1024} KiB)", sha.Times);
Console.WriteLine();
Console.WriteLine(
    $"Pool start-up and warm-up, not in the times above: ThreadPool {Seconds(primes.StartUps[0])}, ProcessPool {Seconds(primes.StartUps[1])}");
if (svg is not null)
{
    var chart = CpuDemoChart.Render(workers, repeat, small, [($"primes ({numbers.Length} numbers)", primes.Times), ($"sha256 (12 x {shaJobs[0].Size / 1024} KiB)", sha.Times)]);
    try
    {
        File.WriteAllText(svg, chart);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"Cannot write the chart to '{svg}': {ex.Message} Choose a writable path for --svg.");
        return 1;
    }

    Console.WriteLine($"Chart written to {svg}.");
}

return 0;

static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

// Runs fn over items three ways; the results must agree. Each pool is started and warmed up (its workers running and
// the work's code compiled) before the clock starts: the table compares steady-state throughput; start-up is reported
// on its own line. The pools' Map is written out at each call (map), where the Futures source generator sees which
// method a process pool runs: a Native AOT build has no reflection to find it from a delegate variable.
static Measurement<TResult> Measure<TSource, TResult>(
    Func<TSource, TResult> fn, Func<Executor, TSource[], IEnumerable<TResult>> map, TSource[] items, TSource[] warmUp, int workers, int repeat)
{
    TResult[] sequential = [];
    var sequentialTime = TimeSpan.MaxValue;
    for (var run = 0; run < repeat; run++)
    {
        var clock = Stopwatch.StartNew();
        sequential = [.. items.Select(fn)];
        sequentialTime = Min(sequentialTime, clock.Elapsed);
    }

    var (threaded, threadTime, threadStart) = RunOnPool(new ThreadPoolExecutor(maxWorkers: workers), map, items, warmUp, repeat);
    var (processed, processTime, processStart) = RunOnPool(new ProcessPoolExecutor(maxWorkers: workers), map, items, warmUp, repeat);
    if (!sequential.SequenceEqual(threaded) || !sequential.SequenceEqual(processed))
    {
        throw new InvalidOperationException("The pools returned different results from the sequential run.");
    }

    return new Measurement<TResult>(sequential, [sequentialTime, threadTime, processTime], [threadStart, processStart]);
}

static (TResult[] Results, TimeSpan Time, TimeSpan StartUp) RunOnPool<TSource, TResult>(
    Executor pool, Func<Executor, TSource[], IEnumerable<TResult>> map, TSource[] items, TSource[] warmUp, int repeat)
{
    using (pool)
    {
        var clock = Stopwatch.StartNew();
        _ = map(pool, warmUp).ToArray();
        var startUp = clock.Elapsed;
        TResult[] results = [];
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < repeat; run++)
        {
            clock.Restart();
            results = [.. map(pool, items)];
            best = Min(best, clock.Elapsed);
        }

        return (results, best, startUp);
    }
}

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

static void PrintRow(string name, TimeSpan[] times)
{
    static string SpeedUp(TimeSpan baseline, TimeSpan t) => (baseline / t).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    Console.WriteLine(
        $"{name,-24} {Seconds(times[0]),10} {Seconds(times[1]),10} {SpeedUp(times[0], times[1]),8} {Seconds(times[2]),11} {SpeedUp(times[0], times[2]),8}");
}

internal sealed record Measurement<TResult>(TResult[] Results, TimeSpan[] Times, TimeSpan[] StartUps);
