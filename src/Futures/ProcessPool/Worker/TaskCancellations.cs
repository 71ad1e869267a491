namespace Futures.Worker;

/// <summary>
/// The token of the task this worker runs, cancelled from the input thread when the parent sends a Cancel frame
/// (Shutdown with cancelFutures: true). A Cancel may arrive before its task has started (it waits in the inbox behind
/// the Call) or after it ended (the answer was on its way); both are handled: the first cancels the token at once
/// when the task begins, the second does nothing.
/// </summary>
internal sealed class TaskCancellations : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<long> _early = [];
    private long _taskId = -1;
    private CancellationTokenSource? _current;

    /// <summary>A token for task <paramref name="taskId"/>, which runs until <see cref="End"/>.</summary>
    public CancellationToken Begin(long taskId)
    {
        lock (_gate)
        {
            _taskId = taskId;
            _current = new CancellationTokenSource();
            if (_early.Remove(taskId))
            {
                _current.Cancel();
            }

            return _current.Token;
        }
    }

    public void End()
    {
        CancellationTokenSource? done;
        lock (_gate)
        {
            done = _current;
            _current = null;
            _taskId = -1;
        }

        done?.Dispose();
    }

    public void Dispose() => End();

    /// <summary>Cancels task <paramref name="taskId"/>'s token (on the input thread); the task's code reacts as it will.</summary>
    public void Cancel(long taskId)
    {
        CancellationTokenSource? running = null;
        lock (_gate)
        {
            if (taskId == _taskId)
            {
                running = _current;
            }
            else
            {
                // Not started yet, or answered already (then the id stays here unused: the parent sends one Cancel
                // per running task, once, at shutdown, so this holds a few ids at most).
                _early.Add(taskId);
            }
        }

        // Outside the lock: registrations on the token run here, and one may take its time.
        try
        {
            running?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The task ended meanwhile.
        }
#pragma warning disable CA1031 // A throwing registration is the task's business; the input thread must go on reading.
        catch (AggregateException)
#pragma warning restore CA1031
        {
        }
    }
}
