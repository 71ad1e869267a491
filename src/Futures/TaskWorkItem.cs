using Futures.Telemetry;

namespace Futures;

/// <summary>
/// Async work as a work item: started on a worker under the pool's SynchronizationContext, so that its awaits come
/// back to the pool; it holds its slot until the task completes, and its future completes with the task.
/// </summary>
/// <remarks>
/// A task that ends cancelled (the work threw OperationCanceledException) finishes the future with that exception:
/// the work had started, and a started Python future never becomes Cancelled.
/// </remarks>
internal abstract class TaskWorkItemBase<TResult>(ITaskWorkHost pool) : WorkItem<TResult>
{
    private Task? _task;
    private WorkScope _scope;

    public override void Run(IWorkItemHost host)
    {
        if (TrySetRunning() != true)
        {
            host.OnSkipped();
            return;
        }

        SynchronizationContext.SetSynchronizationContext(pool.SynchronizationContext);
        if (Context is null)
        {
            StartTask();
        }
        else
        {
            ExecutionContext.Run(Context, static state => ((TaskWorkItemBase<TResult>)state!).StartTask(), this);
        }

        WorkerThread.Reset();

        var task = _task;
        if (task is null || task.IsCompleted)
        {
            // Threw before returning a task, or done without awaiting: complete here, like sync work.
            host.OnWorkReturned();
            var (result, error) = Outcome(task);
            _scope.Stop(ThreadPoolType, pool.ExecutorName, error);
            PublishOnWorker(host, result, error);
            return;
        }

        // The slot stays taken until the task completes; the thread goes back to the pool now. ContinueWith with
        // ExecuteSynchronously, not an awaiter: the task usually completes inside a continuation running under the
        // pool's SynchronizationContext, where an awaiter's callback would be sent to the .NET thread pool instead.
        task.ContinueWith(
            static (_, state) => ((TaskWorkItemBase<TResult>)state!).OnTaskCompleted(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    protected sealed override TResult Invoke() => throw new NotSupportedException("Async work starts through StartTask.");

    /// <summary>Calls the work; the task it returns.</summary>
    protected abstract Task Start(CancellationToken workToken);

    /// <summary>The result of a task that ran to completion.</summary>
    protected abstract TResult ResultOf(Task task);

    private void StartTask()
    {
        // Inside the submitter's context when there is one: the work's activity links to its Activity.Current.
        _scope = WorkScope.Start(ThreadPoolType, pool.ExecutorName);
        try
        {
            _task = Start(pool.WorkToken)
                ?? throw new InvalidOperationException("The async work returned null instead of a task. Return a Task (or use an async lambda).");
        }
#pragma warning disable CA1031 // The work's exception is its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _task = Task.FromException(ex);
        }
    }

    private void OnTaskCompleted()
    {
        pool.ReleaseSlot();
        var (result, error) = Outcome(_task);
        _scope.Stop(ThreadPoolType, pool.ExecutorName, error);
        Publish(result, error);
    }

    private (TResult Result, Exception? Error) Outcome(Task? task)
    {
        try
        {
            // GetResult rethrows the work's own exception (the OperationCanceledException too), stack kept.
            task!.GetAwaiter().GetResult();
            return (ResultOf(task), null);
        }
#pragma warning disable CA1031 // As above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (default!, ex);
        }
    }
}

/// <summary>What async work needs of the pool that runs it.</summary>
internal interface ITaskWorkHost
{
    /// <summary>Where the work's awaits post their continuations.</summary>
    SynchronizationContext SynchronizationContext { get; }

    /// <summary>The token handed to work that takes one; cancelled by Shutdown(cancelFutures: true).</summary>
    CancellationToken WorkToken { get; }

    /// <summary>The executor's name, for telemetry tags (futures.executor.name).</summary>
    string ExecutorName { get; }

    /// <summary>Gives back the slot of work whose task completed; called from whichever thread completed it.</summary>
    void ReleaseSlot();
}

/// <summary><c>fn()</c> returning <c>Task&lt;TResult&gt;</c>.</summary>
internal sealed class TaskWorkItem<TResult>(ITaskWorkHost pool, Func<Task<TResult>> fn)
    : TaskWorkItemBase<TResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn();

    protected override TResult ResultOf(Task task) => ((Task<TResult>)task).Result;
}

/// <summary><c>fn()</c> returning <c>Task</c>.</summary>
internal sealed class TaskWorkItem(ITaskWorkHost pool, Func<Task> fn)
    : TaskWorkItemBase<VoidResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn();

    protected override VoidResult ResultOf(Task task) => default;
}

/// <summary><c>fn(arg)</c> returning <c>Task&lt;TResult&gt;</c>.</summary>
internal sealed class TaskWorkItem<TArg, TResult>(ITaskWorkHost pool, Func<TArg, Task<TResult>> fn, TArg arg)
    : TaskWorkItemBase<TResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn(arg);

    protected override TResult ResultOf(Task task) => ((Task<TResult>)task).Result;
}

/// <summary><c>fn(token)</c> returning <c>Task&lt;TResult&gt;</c>.</summary>
internal sealed class TokenTaskWorkItem<TResult>(ITaskWorkHost pool, Func<CancellationToken, Task<TResult>> fn)
    : TaskWorkItemBase<TResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn(workToken);

    protected override TResult ResultOf(Task task) => ((Task<TResult>)task).Result;
}

/// <summary><c>fn(token)</c> returning <c>Task</c>.</summary>
internal sealed class TokenTaskWorkItem(ITaskWorkHost pool, Func<CancellationToken, Task> fn)
    : TaskWorkItemBase<VoidResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn(workToken);

    protected override VoidResult ResultOf(Task task) => default;
}

/// <summary><c>fn(arg, token)</c> returning <c>Task&lt;TResult&gt;</c> (MapAsync).</summary>
internal sealed class TokenTaskWorkItem<TArg, TResult>(
    ITaskWorkHost pool, Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg)
    : TaskWorkItemBase<TResult>(pool)
{
    protected override Task Start(CancellationToken workToken) => fn(arg, workToken);

    protected override TResult ResultOf(Task task) => ((Task<TResult>)task).Result;
}
