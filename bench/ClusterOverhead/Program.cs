using System.Diagnostics;
using Futures;
using Futures.Orleans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.TestingHost;

// Per-item overhead: Map of a no-op over N items, median of 3 timed runs after a warm-up, in microseconds per item.
// `processes [ROUNDS]`: the rows over silo processes (Redis membership against localhost clustering), see ProcessRows.
if (args is ["processes", ..])
{
    var rounds = 11;
    if (args.Length > 2 || (args.Length == 2 && (!int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out rounds) || rounds < 2)))
    {
        await Console.Error.WriteLineAsync($"ClusterOverhead: '{string.Join(' ', args[1..])}' is not a number of rounds (2 or more). Usage: ClusterOverhead [processes [ROUNDS]]");
        Environment.ExitCode = 2;
        return;
    }

    await ProcessRows.RunAsync(rounds);
    return;
}

Console.WriteLine($"ClusterOverhead: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var builder = new TestClusterBuilder(3);
builder.Options.ConfigureFileLogging = false;
builder.AddSiloBuilderConfigurator<Silos>();
var cluster = builder.Build();
var start = Stopwatch.StartNew();
await cluster.DeployAsync();
Console.WriteLine($"3-silo in-process cluster started in {start.Elapsed.TotalSeconds:0.0} s");

try
{
    Console.WriteLine("| executor | chunkSize | items | us/item (median of 3) | runs (us/item) |");
    Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
    using (var threads = new ThreadPoolExecutor(maxWorkers: 4))
    {
        Measure("ThreadPoolExecutor(4)", threads, 1, 200_000);
        Measure("ThreadPoolExecutor(4)", threads, 100, 200_000);
    }

    using (var processes = new ProcessPoolExecutor(maxWorkers: 2))
    {
        Measure("ProcessPoolExecutor(2)", processes, 1, 20_000);
        Measure("ProcessPoolExecutor(2)", processes, 100, 200_000);
    }

    foreach (var inFlight in new[] { 1, 16, 64 })
    {
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: inFlight);
        Measure($"ClusterExecutor({inFlight}), 3 silos", executor, 1, inFlight == 1 ? 2_000 : 10_000);
    }

    using (var executor = new ClusterExecutor(cluster.Client, maxInFlight: 16))
    {
        Measure("ClusterExecutor(16), 3 silos", executor, 100, 200_000);
        Measure("ClusterExecutor(16), 3 silos", executor, 1000, 1_000_000);
    }
}
finally
{
    await cluster.DisposeAsync();
}

static void Measure(string name, Executor executor, int chunkSize, int items)
{
    Run(executor, chunkSize, Math.Min(items, 2_000)); // warm-up: workers started, code jitted
    var runs = Enumerable.Range(0, 3).Select(_ => Run(executor, chunkSize, items)).ToArray();
    var median = runs.Order().ElementAt(1);
    Console.WriteLine($"| {name} | {chunkSize} | {items:N0} | {median:0.00} | {string.Join(", ", runs.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} |");
}

static double Run(Executor executor, int chunkSize, int items)
{
    var watch = Stopwatch.StartNew();
    long sum = 0;
    foreach (var result in executor.Map(Work.Noop, Enumerable.Range(0, items), chunkSize: chunkSize))
    {
        sum += result;
    }

    var elapsed = watch.Elapsed;
    if (sum != (long)items * (items - 1) / 2)
    {
        throw new InvalidOperationException("Wrong results.");
    }

    return elapsed.TotalMicroseconds / items;
}

/// <summary>The measured work: nothing, so that only the executor's cost shows.</summary>
internal static class Work
{
    public static int Noop(int x) => x;

    /// <summary>The silo that ran the item.</summary>
    public static string WhereAmI(int x) => ClusterWorkContext.Silo ?? $"none {x}";
}

internal sealed class Silos : ISiloConfigurator, IHostConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddFuturesWorkers();

    public void Configure(IHostBuilder hostBuilder) => hostBuilder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
}
