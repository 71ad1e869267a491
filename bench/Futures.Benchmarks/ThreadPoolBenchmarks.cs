using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// What every benchmark class here shares: a <c>ThreadPoolExecutor(4)</c> made once per run, and the TPL baseline of
/// starting <see cref="Work.Count"/> tasks and summing their results after <c>Task.WhenAll</c>.
/// </summary>
[MemoryDiagnoser]
public abstract class ThreadPoolBenchmarks
{
    /// <summary>The executor under test.</summary>
    protected ThreadPoolExecutor Executor { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => Executor = new ThreadPoolExecutor(maxWorkers: 4);

    [GlobalCleanup]
    public void Cleanup() => Executor.Dispose();

    /// <summary>Starts one task per item with <paramref name="start"/> and sums the results once all are done.</summary>
    protected static long RunAllAndSum(Func<int, Task<int>> start)
    {
        var tasks = new Task<int>[Work.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = start(i);
        }

        long sum = 0;
        foreach (var result in Task.WhenAll(tasks).GetAwaiter().GetResult())
        {
            sum += result;
        }

        return sum;
    }
}
