namespace Futures;

public abstract partial class Future
{
    /// <summary>Blocks until the future is done.</summary>
    /// <exception cref="TimeoutException">It was not done within <paramref name="timeout"/> (null waits for ever).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    private protected void WaitDone(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (Done)
        {
            return;
        }

        if (!WaitDone(Deadline.After(timeout), cancellationToken))
        {
            throw new TimeoutException($"The future was not done within {timeout}. Wait longer, or check Done first.");
        }
    }

    /// <summary>Blocks until the future is done or the deadline passes; true if done.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    internal bool WaitDone(Deadline deadline, CancellationToken cancellationToken = default)
    {
        if (Done)
        {
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var signal = new SignalWaiter();
        if (!TryAddWaiter(signal))
        {
            return true;
        }

        using (signal.WakeOn(cancellationToken))
        {
            if (!signal.Wait(deadline))
            {
                RemoveWaiter(signal);
            }
        }

        if (Done)
        {
            return true;
        }

        RemoveWaiter(signal);
        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Wakes the threads blocked on it once any future it was registered with is done.</summary>
    /// <remarks>
    /// A monitor rather than an event: nothing to dispose, so a late Set after a timed-out wait is harmless. It locks on
    /// itself (it is never exposed), so that a blocking wait allocates one object.
    /// </remarks>
    internal sealed class SignalWaiter : IFutureWaiter
    {
        private bool _set;

        public void OnCompleted(Future future) => Set();

        public void Set()
        {
            lock (this)
            {
                _set = true;
                Monitor.PulseAll(this);
            }
        }

        /// <summary>Sets the signal when <paramref name="cancellationToken"/> fires, so that a wait ends at once.</summary>
        public CancellationTokenRegistration WakeOn(CancellationToken cancellationToken) =>
            cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((SignalWaiter)state!).Set(), this)
                : default;

        /// <summary>True once set; false if the deadline passed first.</summary>
        public bool Wait(Deadline deadline)
        {
            lock (this)
            {
                while (!_set)
                {
                    var left = deadline.RemainingMilliseconds();
                    if (left == 0 || !Monitor.Wait(this, left))
                    {
                        return _set;
                    }
                }

                return true;
            }
        }
    }
}
