namespace Futures;

public abstract partial class Future
{
    /// <summary>
    /// Waits until the futures meet <paramref name="returnWhen"/> or <paramref name="timeout"/> passes (null waits for
    /// ever), then returns which are done and which are not. Duplicates count once. A cancelled future counts as done
    /// at once; a timeout is not an error here, it just returns the sets as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returnWhen"/> is not a defined value.</exception>
    public static DoneAndNotDone<TFuture> Wait<TFuture>(
        IEnumerable<TFuture> futures, TimeSpan? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        if (!Enum.IsDefined(returnWhen))
        {
            throw new ArgumentOutOfRangeException(
                nameof(returnWhen), returnWhen, "Unknown ReturnWhen value. Use FirstCompleted, FirstException or AllCompleted.");
        }

        var distinct = Distinct(futures);
        var deadline = Deadline.After(timeout);

        if (!IsSatisfied(distinct, returnWhen))
        {
            var signal = new CountdownWaiter(distinct.Count, returnWhen);
            try
            {
                foreach (var future in distinct)
                {
                    if (!future.TryAddWaiter(signal))
                    {
                        signal.OnCompleted(future);
                    }
                }

                signal.Wait(deadline);
            }
            finally
            {
                foreach (var future in distinct)
                {
                    future.RemoveWaiter(signal);
                }
            }
        }

        var done = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        var notDone = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (var future in distinct)
        {
            (future.Done ? done : notDone).Add(future);
        }

        return new DoneAndNotDone<TFuture>(done, notDone);
    }

    private static HashSet<TFuture> Distinct<TFuture>(IEnumerable<TFuture> futures)
        where TFuture : Future
    {
        var set = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (var future in futures)
        {
            ArgumentNullException.ThrowIfNull(future, nameof(futures));
            set.Add(future);
        }

        return set;
    }

    private static bool IsSatisfied<TFuture>(HashSet<TFuture> futures, ReturnWhen returnWhen)
        where TFuture : Future
    {
        var done = 0;
        foreach (var future in futures)
        {
            if (!future.Done)
            {
                continue;
            }

            done++;
            if (returnWhen == ReturnWhen.FirstCompleted
                || (returnWhen == ReturnWhen.FirstException && !future.Cancelled && future.HasException))
            {
                return true;
            }
        }

        return done == futures.Count;
    }

    /// <summary>Counts futures as they finish and wakes the waiting thread when the ReturnWhen condition holds.</summary>
    private sealed class CountdownWaiter(int count, ReturnWhen returnWhen) : IFutureWaiter
    {
        private readonly SignalWaiter _signal = new();
        private int _remaining = count;

        public void OnCompleted(Future future)
        {
            var remaining = Interlocked.Decrement(ref _remaining);
            var met = returnWhen switch
            {
                ReturnWhen.FirstCompleted => true,
                ReturnWhen.FirstException => remaining == 0 || (!future.Cancelled && future.HasException),
                _ => remaining == 0,
            };
            if (met)
            {
                _signal.Set();
            }
        }

        public void Wait(Deadline deadline) => _signal.Wait(deadline);
    }
}
