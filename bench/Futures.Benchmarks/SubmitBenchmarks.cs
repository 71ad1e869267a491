using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>Submit 100,000 no-op tasks and collect every result: ThreadPoolExecutor(4) against Task.Run + Task.WhenAll.</summary>
[MemoryDiagnoser]
public class SubmitBenchmarks
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
            tasks[i] = Task.Run(Work.NoOp);
        }

        long sum = 0;
        foreach (var result in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            sum += result;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndCollect()
    {
        var futures = new Future<int>[Work.Count];
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = _executor.Submit(Work.NoOp);
        }

        long sum = 0;
        foreach (var future in futures)
        {
            sum += future.Result();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndAwaitAll()
    {
        var tasks = new Task<int>[Work.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = _executor.Submit(Work.NoOp).AsTask();
        }

        long sum = 0;
        foreach (var result in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            sum += result;
        }

        return sum;
    }
}
