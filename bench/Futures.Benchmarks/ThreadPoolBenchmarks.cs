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
    public void Setup()
    {
        Executor = new ThreadPoolExecutor(maxWorkers: 4);
        OnSetup();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        OnCleanup();
        Executor.Dispose();
    }

    /// <summary>Runs once after the executor is made (BenchmarkDotNet allows one [GlobalSetup] per class).</summary>
    protected virtual void OnSetup()
    {
    }

    /// <summary>Runs once before the executor is disposed.</summary>
    protected virtual void OnCleanup()
    {
    }

    /// <summary>Submits <see cref="Work.Count"/> items with <paramref name="submit"/>, then sums their results with <c>Result()</c>.</summary>
    protected long SubmitAllAndSum(Func<ThreadPoolExecutor, Future<int>> submit)
    {
        var futures = new Future<int>[Work.Count];
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = submit(Executor);
        }

        long sum = 0;
        foreach (var future in futures)
        {
            sum += future.Result();
        }

        return sum;
    }

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
