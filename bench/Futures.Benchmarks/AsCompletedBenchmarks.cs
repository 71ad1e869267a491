using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// Submit 100,000 no-op tasks and take each as it completes: Future.AsCompleted on ThreadPoolExecutor(4) against
/// Task.Run + Task.WhenAll (the baseline) and Task.WhenEach (TPL's own as-completed).
/// </summary>
public class AsCompletedBenchmarks : ThreadPoolBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = Work.Count)]
    public long TaskRunWhenAll() => RunAllAndSum(static _ => Task.Run(Work.NoOp));

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long TaskWhenEach() => TaskWhenEachAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long AsCompleted()
    {
        var futures = new Future<int>[Work.Count];
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = Executor.Submit(Work.NoOp);
        }

        long sum = 0;
        foreach (var future in Future.AsCompleted(futures))
        {
            sum += future.Result();
        }

        return sum;
    }

    private static async Task<long> TaskWhenEachAsync()
    {
        var tasks = new Task<int>[Work.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Task.Run(Work.NoOp);
        }

        long sum = 0;
        await foreach (var task in Task.WhenEach(tasks))
        {
            sum += await task;
        }

        return sum;
    }
}
