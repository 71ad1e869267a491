using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>Map a no-op over 100,000 items, results in order: ThreadPoolExecutor(4) against Task.Run + Task.WhenAll.</summary>
public class MapBenchmarks : ThreadPoolBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = Work.Count)]
    public long TaskRunWhenAll() => RunAllAndSum(static item => Task.Run(() => Work.Identity(item)));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long Map() => Sum(Executor.Map(Work.Identity, Enumerable.Range(0, Work.Count)));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long MapChunk100() => Sum(Executor.Map(Work.Identity, Enumerable.Range(0, Work.Count), chunkSize: 100));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long MapBuffer1000() => Sum(Executor.Map(Work.Identity, Enumerable.Range(0, Work.Count), bufferSize: 1000));

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
