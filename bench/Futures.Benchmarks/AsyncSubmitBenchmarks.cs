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
    public long SubmitAsyncAndCollect() => SubmitAllAndSum(static executor => executor.Submit(Work.YieldOneAsync));
}
