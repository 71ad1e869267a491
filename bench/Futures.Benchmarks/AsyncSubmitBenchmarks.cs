using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// Submit 100,000 async items, <c>async () =&gt; { await Task.Yield(); return 1; }</c>, and collect every result:
/// ThreadPoolExecutor(4) (continuations back on its own threads) against <c>Task.Run(async ...)</c> + Task.WhenAll.
/// </summary>
public class AsyncSubmitBenchmarks : ThreadPoolBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = Work.Count)]
    public long TaskRunAsyncWhenAll() => RunAllAndSum(static _ => Task.Run(Work.YieldOneAsync));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAsyncAndCollect()
    {
        var futures = new Future<int>[Work.Count];
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = Executor.Submit(Work.YieldOneAsync);
        }

        long sum = 0;
        foreach (var future in futures)
        {
            sum += future.Result();
        }

        return sum;
    }
}
