namespace Futures;

public abstract partial class Future
{
    /// <summary>Blocks until the future is done.</summary>
    /// <exception cref="TimeoutException">It was not done within <paramref name="timeout"/> (null waits for ever).</exception>
    private protected void WaitDone(TimeSpan? timeout)
    {
        if (Done)
        {
            return;
        }

        if (!WaitDone(Deadline.After(timeout)))
        {
            throw new TimeoutException($"The future was not done within {timeout}. Wait longer, or check Done first.");
        }
    }

    /// <summary>Blocks until the future is done or the deadline passes; true if done.</summary>
    internal bool WaitDone(Deadline deadline)
    {
        if (Done)
        {
            return true;
        }

        var signal = new SignalWaiter();
        if (!TryAddWaiter(signal))
        {
            return true;
        }

        if (!signal.Wait(deadline))
        {
            RemoveWaiter(signal);
        }

        return Done;
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
