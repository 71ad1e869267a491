using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// What one Submit allocates, against one Task.Run. The work items are collected once per invocation so that the
/// pool's queue never grows without bound; "Allocated" is per Submit.
/// </summary>
public class SubmitAllocationBenchmarks : ThreadPoolBenchmarks
{
    private const int Batch = 1_000;
    private readonly Future<int>[] _futures = new Future<int>[Batch];
    private readonly Task<int>[] _tasks = new Task<int>[Batch];

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void TaskRun()
    {
        for (var i = 0; i < Batch; i++)
        {
            _tasks[i] = Task.Run(Work.NoOp);
        }

        Task.WaitAll(_tasks);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Submit()
    {
        for (var i = 0; i < Batch; i++)
        {
            _futures[i] = Executor.Submit(Work.NoOp);
        }

        // Waiting on the last one suffices (FIFO queue), and blocks at most once per batch.
        for (var i = 0; i < Batch; i++)
        {
            _futures[i].Result();
        }
    }
}
