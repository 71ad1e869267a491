using System.Runtime.CompilerServices;

namespace Futures;

/// <summary>
/// A future whose work yields a <typeparamref name="T"/>. Executors return these from Submit; they can also be made and
/// completed by hand with <see cref="SetResult"/> and <see cref="Future.SetException"/>. <c>await</c> works on them and
/// never blocks a thread.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public class Future<T> : Future
{
    private T? _result;
    private TaskBridge? _task;

    /// <summary>Creates a pending future, to be completed by hand or by an executor.</summary>
#pragma warning disable RS0022 // Future<T> is open by contract; Future's non-public members are private protected, so none leak.
    public Future()
#pragma warning restore RS0022
    {
    }

    /// <summary>
    /// The work's result, waiting at most <paramref name="timeout"/> (null waits for ever). If the work threw, its own
    /// exception is rethrown with its original stack.
    /// </summary>
    /// <exception cref="FutureCancelledException">The future was cancelled.</exception>
    /// <exception cref="TimeoutException">The future was not done within the timeout.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired while waiting (it carries that token); the future is left as it was.
    /// A future already done answers at once, whatever the token.
    /// </exception>
    public T Result(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WaitDone(timeout, cancellationToken);
        ThrowIfCancelled();
        ThrowIfFailed();
        return _result!;
    }

    /// <summary>Completes the future with a result.</summary>
    /// <exception cref="InvalidFutureStateException">The future is already done.</exception>
    public void SetResult(T result)
    {
        if (!TrySetResult(result))
        {
            throw AlreadyDone();
        }
    }

    /// <summary>Completes the future with a result; false if it was already done.</summary>
    public bool TrySetResult(T result)
    {
        if (!TryBeginCompleting())
        {
            return false;
        }

        _result = result;
        EndCompleting();
        return true;
    }

    /// <summary>Like <see cref="Future.AddDoneCallback(Action{Future})"/>, with the typed future.</summary>
    public void AddDoneCallback(Action<Future<T>> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);

        // base: an untyped lambda here would bind to this very overload and recurse for ever.
        base.AddDoneCallback(future => callback((Future<T>)future));
    }

    /// <summary>Lets <c>await future</c> wait without blocking a thread; it yields the result or throws as Result does.</summary>
    public new TaskAwaiter<T> GetAwaiter() => AsTask().GetAwaiter();

    /// <summary>
    /// A task that completes with this future: its result, its exception, or cancelled. Made once, on first use; its
    /// continuations run asynchronously, never on the thread that completed the future.
    /// </summary>
    public new Task<T> AsTask()
    {
        var bridge = Volatile.Read(ref _task);
        if (bridge is null)
        {
            var created = new TaskBridge();
            bridge = Interlocked.CompareExchange(ref _task, created, null) ?? created;
            if (ReferenceEquals(bridge, created) && !TryAddWaiter(created))
            {
                created.OnCompleted(this);
            }
        }

        return bridge.Task;
    }

    /// <summary>Waits for the result without blocking a thread, giving up when <paramref name="cancellationToken"/> fires.</summary>
    /// <exception cref="OperationCanceledException">The token fired first; the future itself is not cancelled.</exception>
    public Task<T> WaitAsync(CancellationToken cancellationToken) => AsTask().WaitAsync(cancellationToken);

    private protected override Task AsTaskCore() => AsTask();

    /// <summary>Takes a completed task's outcome: its result (a Task&lt;T&gt;), its exception, or cancellation.</summary>
    internal void CompleteFrom(Task task)
    {
        if (!TryCompleteFromFailedTask(task))
        {
            TrySetResult(task is Task<T> typed ? typed.Result : default!);
        }
    }

    private protected override string DescribeResult() =>
        typeof(T) == typeof(VoidResult) ? "returned nothing" : $"returned {typeof(T).Name}";

    /// <summary>Feeds the future's outcome into a task.</summary>
    private sealed class TaskBridge() : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IFutureWaiter
    {
        public void OnCompleted(Future future)
        {
            var typed = (Future<T>)future;
            if (typed.Cancelled)
            {
                TrySetCanceled();
            }
            else if (typed.Exception(timeout: null, CancellationToken.None) is { } exception)
            {
                TrySetException(exception);
            }
            else
            {
                TrySetResult(typed._result!);
            }
        }
    }
}
