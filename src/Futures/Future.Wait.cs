namespace Futures;

public abstract partial class Future
{
    /// <summary>
    /// Waits until the futures meet <paramref name="returnWhen"/> or <paramref name="timeout"/> passes (null waits for
    /// ever), then returns which are done and which are not. Duplicates count once. A cancelled future counts as done
    /// at once; a timeout is not an error here, it just returns the sets as they are.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returnWhen"/> is not a defined value.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired before the condition held (it carries that token); the futures are
    /// left as they were. If the condition already holds, Wait answers at once, whatever the token.
    /// </exception>
    public static DoneAndNotDone<TFuture> Wait<TFuture>(
        IEnumerable<TFuture> futures, TimeSpan? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted,
        CancellationToken cancellationToken = default)
        where TFuture : Future
    {
        var distinct = CheckWaitArguments(futures, returnWhen);
        var deadline = Deadline.After(timeout);

        if (!IsSatisfied(distinct, returnWhen))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = new CountdownWaiter(distinct.Count, returnWhen);
            try
            {
                Register(distinct, signal);
                using (signal.Signal.WakeOn(cancellationToken))
                {
                    signal.Signal.Wait(deadline);
                }
            }
            finally
            {
                Unregister(distinct, signal);
            }

            if (!IsSatisfied(distinct, returnWhen))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return Split(distinct);
    }

    /// <summary>
    /// Like <see cref="Wait{TFuture}(IEnumerable{TFuture}, TimeSpan?, ReturnWhen, CancellationToken)"/>, without
    /// blocking a thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="returnWhen"/> is not a defined value.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> fired before the condition held; the futures are left as they were.
    /// </exception>
    public static Task<DoneAndNotDone<TFuture>> WaitAsync<TFuture>(
        IEnumerable<TFuture> futures, TimeSpan? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted,
        CancellationToken cancellationToken = default)
        where TFuture : Future
    {
        var distinct = CheckWaitArguments(futures, returnWhen);
        return IsSatisfied(distinct, returnWhen)
            ? Task.FromResult(Split(distinct))
            : WaitAsyncCore(distinct, timeout, returnWhen, cancellationToken);
    }

    private static async Task<DoneAndNotDone<TFuture>> WaitAsyncCore<TFuture>(
        HashSet<TFuture> distinct, TimeSpan? timeout, ReturnWhen returnWhen, CancellationToken cancellationToken)
        where TFuture : Future
    {
        cancellationToken.ThrowIfCancellationRequested();
        var signal = new CountdownWaiter(distinct.Count, returnWhen);
        try
        {
            Register(distinct, signal);
            try
            {
                await signal.Met.Task.WaitAsync(ForTaskWait(timeout), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A timeout is not an error for Wait: the sets are returned as they are.
            }
        }
        finally
        {
            Unregister(distinct, signal);
        }

        return Split(distinct);
    }

    /// <summary>A timeout as Task.WaitAsync takes it: infinite for null, zero for negative, at most its maximum.</summary>
    private static TimeSpan ForTaskWait(TimeSpan? timeout)
    {
        if (timeout is not { } t || t == Timeout.InfiniteTimeSpan)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var most = TimeSpan.FromMilliseconds(uint.MaxValue - 2);
        return t < TimeSpan.Zero ? TimeSpan.Zero : t > most ? most : t;
    }

    private static HashSet<TFuture> CheckWaitArguments<TFuture>(IEnumerable<TFuture> futures, ReturnWhen returnWhen)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures);
        if (!Enum.IsDefined(returnWhen))
        {
            throw new ArgumentOutOfRangeException(
                nameof(returnWhen), returnWhen, "Unknown ReturnWhen value. Use FirstCompleted, FirstException or AllCompleted.");
        }

        return Distinct(futures);
    }

    private static void Register<TFuture>(HashSet<TFuture> futures, IFutureWaiter waiter)
        where TFuture : Future
    {
        foreach (var future in futures)
        {
            if (!future.TryAddWaiter(waiter))
            {
                waiter.OnCompleted(future);
            }
        }
    }

    private static void Unregister<TFuture>(HashSet<TFuture> futures, IFutureWaiter waiter)
        where TFuture : Future
    {
        foreach (var future in futures)
        {
            future.RemoveWaiter(waiter);
        }
    }

    private static DoneAndNotDone<TFuture> Split<TFuture>(HashSet<TFuture> distinct)
        where TFuture : Future
    {
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

    /// <summary>Counts futures as they finish and wakes the waiter (a thread or a task) when the ReturnWhen condition holds.</summary>
    private sealed class CountdownWaiter(int count, ReturnWhen returnWhen) : IFutureWaiter
    {
        private int _remaining = count;

        /// <summary>For a blocked thread.</summary>
        public SignalWaiter Signal { get; } = new();

        /// <summary>For an awaiting task; continuations never run on the completing thread.</summary>
        public TaskCompletionSource Met { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
                Signal.Set();
                Met.TrySetResult();
            }
        }
    }
}
