namespace Futures;

public abstract partial class Future
{
    /// <summary>
    /// A future that follows <paramref name="task"/>: Running until it completes, then Finished with its result or its
    /// exception (unwrapped, as <c>await</c> does), or Cancelled if the task was. Lets a task stand beside executor
    /// futures in <see cref="Wait{TFuture}"/> and <see cref="AsCompleted{TFuture}"/>.
    /// </summary>
    public static Future<T> FromTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Follow<T>(task);
    }

    /// <summary>Like <see cref="FromTask{T}(Task{T})"/>, for a task without a result.</summary>
    public static Future FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Follow<VoidResult>(task);
    }

    private static Future<T> Follow<T>(Task task)
    {
        var future = new Future<T>();
        future.TrySetRunning();
        if (task.IsCompleted)
        {
            future.CompleteFrom(task);
        }
        else
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => future.CompleteFrom(task));
        }

        return future;
    }

    /// <summary>Takes a completed task's outcome, unless the future was completed by hand meanwhile.</summary>
    /// <returns>True if the outcome was taken; false if it was not a failure or cancellation (the caller sets the result).</returns>
    private protected bool TryCompleteFromFailedTask(Task task)
    {
        if (task.IsCanceled)
        {
            TrySetCancelled();
            return true;
        }

        if (task.Exception is { } aggregate)
        {
            TrySetException(aggregate.InnerExceptions[0]);
            return true;
        }

        return false;
    }
}
