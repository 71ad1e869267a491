using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>Map a no-op over 100,000 items, results in order: ThreadPoolExecutor(4) against Task.Run + Task.WhenAll.</summary>
[MemoryDiagnoser]
public class MapBenchmarks
{
    private ThreadPoolExecutor _executor = null!;

    [GlobalSetup]
    public void Setup() => _executor = new ThreadPoolExecutor(maxWorkers: 4);

    [GlobalCleanup]
    public void Cleanup() => _executor.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Work.Count)]
    public long TaskRunWhenAll()
    {
        var tasks = new Task<int>[Work.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var item = i;
            tasks[i] = Task.Run(() => Work.Identity(item));
        }

        long sum = 0;
        foreach (var result in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            sum += result;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long Map() => Sum(_executor.Map(Work.Identity, Enumerable.Range(0, Work.Count)));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long MapChunk100() => Sum(_executor.Map(Work.Identity, Enumerable.Range(0, Work.Count), chunkSize: 100));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long MapBuffer1000() => Sum(_executor.Map(Work.Identity, Enumerable.Range(0, Work.Count), bufferSize: 1000));

    private static long Sum(IEnumerable<int> results)
    {
        long sum = 0;
        foreach (var result in results)
        {
            sum += result;
        }

        return sum;
    }
}
