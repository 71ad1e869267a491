using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Futures;

public abstract partial class Future
{
    /// <summary>
    /// Yields each distinct future once, as it finishes or is cancelled: those already done first, then in completion
    /// order. The timeout counts from this call (null waits for ever).
    /// </summary>
    /// <exception cref="TimeoutException">
    /// Thrown while enumerating when the next future is not done <paramref name="timeout"/> after the call.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// Thrown while enumerating when <paramref name="cancellationToken"/> fires while it waits for the next future (it
    /// carries that token); the futures are left as they were. Futures already done are yielded whatever the token.
    /// </exception>
    public static IEnumerable<TFuture> AsCompleted<TFuture>(
        IEnumerable<TFuture> futures, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        var deadline = Deadline.After(timeout);
        var distinct = Distinct(futures);
        return AsCompletedIterator(distinct, deadline, timeout, cancellationToken);
    }

    private static IEnumerable<TFuture> AsCompletedIterator<TFuture>(
        HashSet<TFuture> futures, Deadline deadline, TimeSpan? timeout, CancellationToken cancellationToken)
        where TFuture : Future
    {
        var total = futures.Count;
        var yielded = 0;

        // The waiter goes on before anything is yielded (as Python's as_completed): futures that finish while the
        // caller handles the already-done ones are then queued in the order they finish. Each future reaches the
        // caller once: either it was done here, or the waiter was added and it is queued once when it finishes.
        var queue = new CompletionQueue();
        var finished = new List<TFuture>();
        try
        {
            foreach (var future in futures)
            {
                if (future.Done || !future.TryAddWaiter(queue))
                {
                    finished.Add(future);
                }
            }

            foreach (var future in finished)
            {
                yielded++;
                yield return future;
            }

            using var registration = queue.WakeOn(cancellationToken);
            while (yielded < total)
            {
                var next = queue.Take(deadline, cancellationToken)
                    ?? throw new TimeoutException(
                        $"{total - yielded} (of {total}) futures unfinished after {timeout}. Allow a longer timeout, or use Wait to take what is done.");
                yielded++;
                yield return (TFuture)next;
            }
        }
        finally
        {
            if (yielded < total)
            {
                foreach (var future in futures)
                {
                    future.RemoveWaiter(queue);
                }
            }
        }
    }

    /// <summary>
    /// Yields each distinct future once, as it finishes or is cancelled (those already done first), without blocking a
    /// thread while it waits.
    /// </summary>
    /// <exception cref="OperationCanceledException">Thrown while enumerating once <paramref name="cancellationToken"/> fires.</exception>
    public static IAsyncEnumerable<TFuture> AsCompletedAsync<TFuture>(
        IEnumerable<TFuture> futures, CancellationToken cancellationToken = default)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        return AsCompletedAsyncIterator(Distinct(futures), cancellationToken);
    }

    private static async IAsyncEnumerable<TFuture> AsCompletedAsyncIterator<TFuture>(
        HashSet<TFuture> pending, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TFuture : Future
    {
        var channel = Channel.CreateUnbounded<Future>(new UnboundedChannelOptions { SingleReader = true });
        var writer = new ChannelWaiter(channel.Writer);

        // Already-done futures are written first, so they come out first.
        var waiting = new List<TFuture>(pending.Count);
        foreach (var future in pending)
        {
            if (future.Done)
            {
                writer.OnCompleted(future);
            }
            else
            {
                waiting.Add(future);
            }
        }

        try
        {
            foreach (var future in waiting)
            {
                if (!future.TryAddWaiter(writer))
                {
                    writer.OnCompleted(future);
                }
            }

            for (var yielded = 0; yielded < pending.Count; yielded++)
            {
                yield return (TFuture)await channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var future in waiting)
            {
                future.RemoveWaiter(writer);
            }
        }
    }

    /// <summary>
    /// Collects futures as they complete, for one consumer that blocks on <see cref="Take"/>. Completions take no lock
    /// unless the consumer is asleep waiting for one.
    /// </summary>
    private sealed class CompletionQueue : IFutureWaiter
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Future> _done = new();
        private readonly object _gate = new();
        private int _sleeping;

        public void OnCompleted(Future future)
        {
            _done.Enqueue(future);
            if (Volatile.Read(ref _sleeping) != 0)
            {
                Wake();
            }
        }

        /// <summary>Wakes <see cref="Take"/> when <paramref name="cancellationToken"/> fires.</summary>
        public CancellationTokenRegistration WakeOn(CancellationToken cancellationToken) =>
            cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => ((CompletionQueue)state!).Wake(), this)
                : default;

        /// <summary>The next completed future, or null if the deadline passes first.</summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while none was ready.</exception>
        public Future? Take(Deadline deadline, CancellationToken cancellationToken)
        {
            if (_done.TryDequeue(out var ready))
            {
                return ready;
            }

            lock (_gate)
            {
                // Announce the sleep before the last look: a completion after it sees the flag and pulses under the gate.
                Interlocked.Exchange(ref _sleeping, 1);
                try
                {
                    while (true)
                    {
                        if (_done.TryDequeue(out ready))
                        {
                            return ready;
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        var left = deadline.RemainingMilliseconds();
                        if (left == 0 || !Monitor.Wait(_gate, left))
                        {
                            return _done.TryDequeue(out ready) ? ready : null;
                        }
                    }
                }
                finally
                {
                    Volatile.Write(ref _sleeping, 0);
                }
            }
        }

        private void Wake()
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed class ChannelWaiter(ChannelWriter<Future> writer) : IFutureWaiter
    {
        public void OnCompleted(Future future) => writer.TryWrite(future);
    }
}
