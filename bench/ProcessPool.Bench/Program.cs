using System.Diagnostics;
using System.Globalization;
using Futures;

// Usage: ProcessPool.Bench [--workers N] [--scale X] [--startup-only]
// Prints one JSON object: microseconds per task (or item) for each case, the best of 5 rounds (bench/process_pool_bench.py
// measures the same cases on CPython). Cases, on a warmed-up pool of N workers (default 2):
//   single     Submit(Echo, i).Result(), one at a time: the latency of one round trip
//   single_async  the same with an async method (await Task.Yield(), then return): awaited in the worker
//   submit     20,000 Submits, then every Result: per-task cost when the pool is kept busy
//   map_chunk  Map(Echo, 200,000 items, chunkSize: 100): per-item cost with batching
//   startup    a new pool's first result (process start-up included), in milliseconds, best of 5
// "mode" says how the workers were started: "worker-host" (Futures.Worker.dll under dotnet exec, a framework-dependent
// build) or "own-executable" (this executable in worker mode: a self-contained, single-file or Native AOT publish).
if (ProcessPoolExecutor.RunWorkerIfRequested(args))
{
    return 0;
}

var workers = 2;
var startupOnly = false;
var scale = 1.0;
for (var i = 0; i < args.Length; i += 2)
{
    if (args[i] == "--startup-only")
    {
        startupOnly = true;
        i--;
        continue;
    }

    if (i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"'{args[i]}' needs a value.");
        return 2;
    }

    switch (args[i])
    {
        case "--workers":
            workers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--scale":
            scale = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine($"'{args[i]}' is not an option. Use --workers N, --scale X (a factor on the task counts) and --startup-only.");
            return 2;
    }
}

var singleCount = (int)(2_000 * scale);
var submitCount = (int)(20_000 * scale);
var mapCount = (int)(200_000 * scale);
const int Rounds = 5;

// The pool's own rule, seen from outside: the worker host beside this program's .dll, on a shared runtime.
var mode = File.Exists(Path.Combine(AppContext.BaseDirectory, "Futures.Worker.dll"))
    && File.Exists(Path.Combine(AppContext.BaseDirectory, "ProcessPool.Bench.dll"))
    && !File.Exists(Path.Combine(AppContext.BaseDirectory, "System.Private.CoreLib.dll"))
    ? "worker-host"
    : "own-executable";
// Wall time is what a user waits for, and on a loaded machine it is mostly waiting for a core; the CPU time the worker
// processes used (the children's time, counted once each is reaped) is the steadier measure of what start-up costs.
var startup = TimeSpan.MaxValue;
var startupRounds = startupOnly ? 20 : 5;
var childrenBefore = ChildrenCpuMilliseconds();
for (var round = 0; round < startupRounds; round++)
{
    var clock = Stopwatch.StartNew();
    using var fresh = new ProcessPoolExecutor(maxWorkers: 1);
    fresh.Submit(Tiny.Echo, 1).Result();
    startup = Min(startup, clock.Elapsed);
}

var startupCpu = (ChildrenCpuMilliseconds() - childrenBefore) / startupRounds;

if (startupOnly)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""{"impl": "dotnet", "mode": "{{mode}}", "startup_ms": {{startup.TotalMilliseconds:0.0}}, "startup_cpu_ms": {{startupCpu:0.0}}}"""));
    return 0;
}

using var pool = new ProcessPoolExecutor(maxWorkers: workers);
_ = pool.Map(Tiny.Echo, Enumerable.Range(0, 1_000)).Sum(x => (long)x); // start every worker and compile both sides' paths
_ = pool.Map(Tiny.Echo, Enumerable.Range(0, 10_000), chunkSize: 100).Sum(x => (long)x);

var single = Best(() =>
{
    for (var i = 0; i < singleCount; i++)
    {
        pool.Submit(Tiny.Echo, i).Result();
    }
}).TotalMicroseconds / singleCount;

var singleAsync = Best(() =>
{
    for (var i = 0; i < singleCount; i++)
    {
        pool.Submit(Tiny.EchoAsync, i).Result();
    }
}).TotalMicroseconds / singleCount;

var submit = Best(() =>
{
    var futures = new Future<int>[submitCount];
    for (var i = 0; i < submitCount; i++)
    {
        futures[i] = pool.Submit(Tiny.Echo, i);
    }

    foreach (var future in futures)
    {
        future.Result();
    }
}).TotalMicroseconds / submitCount;

var mapChunk = Best(() => _ = pool.Map(Tiny.Echo, Enumerable.Range(0, mapCount), chunkSize: 100).Sum(x => (long)x)).TotalMicroseconds / mapCount;

// Baseline in the same run: the same Map on ThreadPoolExecutor, i.e. the cost of Map itself without processes.
using var threads = new ThreadPoolExecutor(maxWorkers: workers);
var threadMapChunk = Best(() => _ = threads.Map(Tiny.Echo, Enumerable.Range(0, mapCount), chunkSize: 100).Sum(x => (long)x)).TotalMicroseconds / mapCount;

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $$"""{"impl": "dotnet", "mode": "{{mode}}", "workers": {{workers}}, "single_us": {{single:0.00}}, "single_async_us": {{singleAsync:0.00}}, "submit_us": {{submit:0.00}}, "map_chunk_us": {{mapChunk:0.000}}, "thread_map_chunk_us": {{threadMapChunk:0.0000}}, "startup_ms": {{startup.TotalMilliseconds:0.0}}, "startup_cpu_ms": {{startupCpu:0.0}}}"""));
return 0;

static TimeSpan Best(Action run)
{
    var best = TimeSpan.MaxValue;
    for (var round = 0; round < Rounds; round++)
    {
        var clock = Stopwatch.StartNew();
        run();
        best = Min(best, clock.Elapsed);
    }

    return best;
}

static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

// User and system time of this process's reaped children (cutime and cstime in /proc/self/stat, in clock ticks of
// 10 ms); NaN where there is no /proc.
static double ChildrenCpuMilliseconds()
{
    if (!OperatingSystem.IsLinux())
    {
        return double.NaN;
    }

    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
}

internal static class Tiny
{
    public static int Echo(int value) => value;

    public static async Task<int> EchoAsync(int value)
    {
        await Task.Yield();
        return value;
    }
}
