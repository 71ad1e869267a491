using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// Issue 11, execution context: the pool's reader threads, on which futures complete and done-callbacks run, start
/// without the context of the submitter that happened to start them, and what one completion leaves in the context is
/// gone before the next.
/// </summary>
public class ProcessPoolContextTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly AsyncLocal<string?> s_value = new();

    [Fact(Timeout = 60_000)]
    public async Task ReaderThread_StartedBySubmit_DoesNotCarryTheSubmittersContext()
    {
        // Arrange: this Submit starts the worker and its reader thread
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        s_value.Value = "submitter";
        var future = pool.Submit(ProcessJobs.Gate, gate.Name);
        s_value.Value = null;
        var seen = new TaskCompletionSource<(string? Value, string? Thread)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (ExecutionContext.SuppressFlow())
        {
            // No context captured: the callback sees the completing thread's own.
            future.AddDoneCallback(_ => seen.TrySetResult((s_value.Value, Thread.CurrentThread.Name)));
        }

        await gate.WaitForStartAsync();

        // Act
        gate.Release();

        // Assert
        var (value, thread) = await seen.Task.WaitAsync(Patience);
        Assert.StartsWith("ProcessPoolExecutor reader", thread, StringComparison.Ordinal);
        Assert.Null(value);
    }

    [Fact(Timeout = 60_000)]
    public async Task ValueSetByOneCompletion_IsNotSeenByTheNext()
    {
        // Arrange: both futures complete on the one worker's reader thread
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);
        using var gate = new WorkerGate();
        var first = pool.Submit(ProcessJobs.Gate, gate.Name);
        var second = pool.Submit(ProcessJobs.Square, 3);
        var seen = new TaskCompletionSource<(string? Value, string? Thread)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? firstThread = null;
        using (ExecutionContext.SuppressFlow())
        {
            first.AddDoneCallback(_ =>
            {
                firstThread = Thread.CurrentThread.Name;
                s_value.Value = "left behind by the first callback";
            });
            second.AddDoneCallback(_ => seen.TrySetResult((s_value.Value, Thread.CurrentThread.Name)));
        }

        await gate.WaitForStartAsync();

        // Act
        gate.Release();

        // Assert
        var (value, thread) = await seen.Task.WaitAsync(Patience);
        Assert.Equal(firstThread, thread);
        Assert.StartsWith("ProcessPoolExecutor reader", thread, StringComparison.Ordinal);
        Assert.Null(value);
    }
}
