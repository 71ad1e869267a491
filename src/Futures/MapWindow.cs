namespace Futures;

/// <summary>
/// The futures of one Map call, oldest first. Without a buffer size every item is submitted when the window is made;
/// with one, the window holds that many and submits one more each time the oldest is taken (Python 3.14's buffersize).
/// Disposing it, or the call's token, cancels whatever has not been taken, so leaving a Map early stops work that has
/// not started. Items submitted later, while the caller enumerates, still run under the context of the Map call.
/// </summary>
internal sealed class MapWindow<TSource, TResult> : IDisposable
{
    private readonly Func<TSource, Future<TResult>> _submit;
    private readonly Queue<Future<TResult>> _futures = new();
    private readonly Lock _gate = new();
    private readonly ExecutionContext? _context;
    private readonly CancellationTokenRegistration _registration;
    private IEnumerator<TSource>? _source;
    private CancellationToken? _cancelledBy;

    public MapWindow(Func<TSource, Future<TResult>> submit, IEnumerable<TSource> source, int? bufferSize, CancellationToken cancellationToken)
    {
        _submit = submit;
        _context = ExecutionContext.Capture();
        _source = source.GetEnumerator();
        try
        {
            while (!cancellationToken.IsCancellationRequested && (bufferSize is null || _futures.Count < bufferSize) && SubmitNext())
            {
            }

            if (bufferSize is null)
            {
                ReleaseSource();
            }

            // Registered after the first submissions: a token already cancelled cancels them at once.
            _registration = CancelPendingOn(cancellationToken);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The oldest future, after topping the window up from the source; null when all are taken.</summary>
    /// <exception cref="OperationCanceledException">A token cancelled the window.</exception>
    public Future<TResult>? Next()
    {
        ThrowIfCancelled();
        if (_source is not null)
        {
            SubmitNext();
        }

        lock (_gate)
        {
            return _futures.TryDequeue(out var future) ? future : null;
        }
    }

    /// <summary>Cancels what has not been taken, at once, when <paramref name="cancellationToken"/> fires.</summary>
    public CancellationTokenRegistration CancelPendingOn(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) => ((MapWindow<TSource, TResult>)state!).CancelPending(token), this)
            : default;

    public void Dispose()
    {
        _registration.Dispose();
        CancelPending(cancelledBy: null);
        ReleaseSource();
    }

    private void CancelPending(CancellationToken? cancelledBy)
    {
        Future<TResult>[] pending;
        lock (_gate)
        {
            _cancelledBy ??= cancelledBy;
            pending = [.. _futures];
            _futures.Clear();
        }

        // Outside the gate: cancelling runs done-callbacks.
        foreach (var future in pending)
        {
            future.Cancel();
        }
    }

    private void ThrowIfCancelled()
    {
        if (_cancelledBy is { } token)
        {
            throw new OperationCanceledException(token);
        }
    }

    private bool SubmitNext()
    {
        if (_source is null || !_source.MoveNext())
        {
            ReleaseSource();
            return false;
        }

        var future = SubmitUnderMapContext(_source.Current);
        bool cancelled;
        lock (_gate)
        {
            cancelled = _cancelledBy is not null;
            if (!cancelled)
            {
                _futures.Enqueue(future);
            }
        }

        if (cancelled)
        {
            future.Cancel();
        }

        return true;
    }

    /// <summary>Submits under the context captured by the Map call, whichever thread enumerates now.</summary>
    private Future<TResult> SubmitUnderMapContext(TSource item)
    {
        var current = ExecutionContext.Capture();
        if (ReferenceEquals(current, _context))
        {
            return _submit(item);
        }

        if (_context is null)
        {
            using (ExecutionContext.SuppressFlow())
            {
                return _submit(item);
            }
        }

        var call = new SubmitCall(this, item);
        ExecutionContext.Run(_context, static state => ((SubmitCall)state!).Run(), call);
        return call.Future!;
    }

    private void ReleaseSource()
    {
        _source?.Dispose();
        _source = null;
    }

    private sealed class SubmitCall(MapWindow<TSource, TResult> window, TSource item)
    {
        public Future<TResult>? Future { get; private set; }

        public void Run() => Future = window._submit(item);
    }
}
