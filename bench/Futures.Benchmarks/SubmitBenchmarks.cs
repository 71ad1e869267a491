using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// Submit 100,000 no-op tasks and collect every result: ThreadPoolExecutor(4) against Task.Run + Task.WhenAll. The
/// WithContext row submits with an AsyncLocal set, so every item captures and restores a non-default execution
/// context (the rows without it take the default-context fast path).
/// </summary>
public class SubmitBenchmarks : ThreadPoolBenchmarks
{
    private static readonly AsyncLocal<string?> Local = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = Work.Count)]
    public long TaskRunWhenAll() => RunAllAndSum(static _ => Task.Run(Work.NoOp));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndCollect() => SubmitAllAndSum(static executor => executor.Submit(Work.NoOp));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndCollectWithContext()
    {
        Local.Value = "request";
        try
        {
            return SubmitAndCollect();
        }
        finally
        {
            Local.Value = null;
        }
    }

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndAwaitAll()
    {
        var tasks = new Task<int>[Work.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Executor.Submit(Work.NoOp).AsTask();
        }

        long sum = 0;
        foreach (var result in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            sum += result;
        }

        return sum;
    }
}
