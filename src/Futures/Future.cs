using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Futures;

/// <summary>
/// The eventual outcome of a piece of work: a result, an exception, or cancellation before it ran.
/// Python's <c>concurrent.futures.Future</c>; the non-generic base of <see cref="Future{T}"/>, as Task is of Task&lt;T&gt;.
/// </summary>
/// <remarks>
/// State changes are lock-free compare-and-swaps on one field, so the common path of an executor (create, start, set
/// result, read result) takes no lock and allocates nothing beyond the future itself. Waiters and callbacks hang off a
/// second field (see Future.Callbacks.cs) and run after the state is final, never under a lock.
/// </remarks>
public abstract partial class Future
{
    // Internal states; Completing is Running/Pending to the outside while the outcome is being stored.
    private const int StatePending = (int)FutureState.Pending;
    private const int StateRunning = (int)FutureState.Running;
    private const int StateCancelled = (int)FutureState.Cancelled;
    private const int StateFinished = (int)FutureState.Finished;
    private const int StateCompleting = 4;

    private int _state;
    private ExceptionDispatchInfo? _exception;

    private protected Future()
    {
    }

    /// <summary>The current state.</summary>
    public FutureState State
    {
        get
        {
            // Storing the outcome is part of running: a completing future can no longer be cancelled.
            var state = Volatile.Read(ref _state);
            return state == StateCompleting ? FutureState.Running : (FutureState)state;
        }
    }

    /// <summary>True when the future finished (with a result or an exception) or was cancelled.</summary>
    public bool Done => Volatile.Read(ref _state) is StateFinished or StateCancelled;

    /// <summary>True while the work runs.</summary>
    public bool Running => State == FutureState.Running;

    /// <summary>True when the future was cancelled.</summary>
    public bool Cancelled => Volatile.Read(ref _state) == StateCancelled;

    /// <summary>
    /// Cancels the future if it has not started. Returns true if it is now cancelled (also when it already was),
    /// false if it is running or finished. Waiters and done-callbacks are notified at once.
    /// </summary>
    public bool Cancel()
    {
        var previous = Interlocked.CompareExchange(ref _state, StateCancelled, StatePending);
        if (previous == StatePending)
        {
            OnCompleted();
            return true;
        }

        return previous == StateCancelled;
    }

    /// <summary>
    /// For executor authors: marks the future as running before its work starts. Returns false if it was cancelled,
    /// in which case the work must not run.
    /// </summary>
    /// <exception cref="InvalidFutureStateException">The future is already running or done.</exception>
    public bool SetRunningOrNotifyCancel()
    {
        return TrySetRunning() ?? throw new InvalidFutureStateException(
            $"Cannot start a future that is already {State.ToString().ToLowerInvariant()}. Start each future once.");
    }

    /// <summary>
    /// For executors: Pending -> Running. True if the work should now run; false if it was cancelled; null if it is no
    /// longer pending for another reason (completed or started by hand), in which case the executor skips it.
    /// </summary>
    internal bool? TrySetRunning()
    {
        var previous = Interlocked.CompareExchange(ref _state, StateRunning, StatePending);
        return previous switch
        {
            StatePending => true,
            StateCancelled => false,
            _ => null,
        };
    }

    /// <summary>Cancels a future whose work has started outside any executor (a task that was cancelled).</summary>
    internal bool TrySetCancelled()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state is not (StatePending or StateRunning))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, StateCancelled, state) == state)
            {
                OnCompleted();
                return true;
            }
        }
    }

    /// <summary>Completes the future with an exception; <see cref="Future{T}.Result"/> will rethrow it with its stack.</summary>
    /// <exception cref="InvalidFutureStateException">The future is already done.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!TrySetException(exception))
        {
            throw AlreadyDone();
        }
    }

    /// <summary>
    /// The exception the work threw, or null if it succeeded; waits for the future to be done, at most
    /// <paramref name="timeout"/> (null waits for ever).
    /// </summary>
    /// <exception cref="FutureCancelledException">The future was cancelled.</exception>
    /// <exception cref="TimeoutException">The future was not done within the timeout.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired while waiting (it carries that token); the future is left as it was.
    /// A future already done answers at once, whatever the token.
    /// </exception>
    public Exception? Exception(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WaitDone(timeout, cancellationToken);
        ThrowIfCancelled();
        return _exception?.SourceException;
    }

    /// <summary>Completes the future with an exception; false if it was already done.</summary>
    internal bool TrySetException(Exception exception)
    {
        if (!TryBeginCompleting())
        {
            return false;
        }

        _exception = ExceptionDispatchInfo.Capture(exception);
        EndCompleting();
        return true;
    }

    /// <summary>Claims the right to store the outcome: Pending or Running -> Completing.</summary>
    private protected bool TryBeginCompleting()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state is not (StatePending or StateRunning))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, StateCompleting, state) == state)
            {
                return true;
            }
        }
    }

    /// <summary>Publishes the stored outcome (Completing -> Finished) and notifies waiters and callbacks.</summary>
    private protected void EndCompleting()
    {
        Debug.Assert(Volatile.Read(ref _state) == StateCompleting, "Only the thread that began completing ends it.");
        Volatile.Write(ref _state, StateFinished);
        OnCompleted();
    }

    /// <summary>Rethrows the work's exception, if any, with its original stack.</summary>
    private protected void ThrowIfFailed() => _exception?.Throw();

    private protected void ThrowIfCancelled()
    {
        if (Volatile.Read(ref _state) == StateCancelled)
        {
            throw new FutureCancelledException();
        }
    }

    private protected static InvalidFutureStateException AlreadyDone() =>
        new("The future is already done; its outcome is set once. Check Done before setting it.");

    internal bool HasException => _exception is not null;

    /// <inheritdoc />
    public override string ToString()
    {
        var state = State;
        return state switch
        {
            FutureState.Finished when _exception is not null =>
                $"<Future state=finished raised {_exception.SourceException.GetType().Name}>",
            FutureState.Finished => $"<Future state=finished {DescribeResult()}>",
            _ => $"<Future state={state.ToString().ToLowerInvariant()}>",
        };
    }

    private protected abstract string DescribeResult();
}
