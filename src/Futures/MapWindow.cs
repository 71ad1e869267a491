namespace Futures;

/// <summary>
/// The futures of one Map call, oldest first. Without a buffer size every item is submitted when the window is made;
/// with one, the window holds that many and submits one more each time the oldest is taken (Python 3.14's buffersize).
/// Disposing it cancels whatever has not been taken, so leaving a Map early stops work that has not started.
/// </summary>
internal sealed class MapWindow<TSource, TResult> : IDisposable
{
    private readonly Func<TSource, Future<TResult>> _submit;
    private readonly Queue<Future<TResult>> _futures = new();
    private IEnumerator<TSource>? _source;

    public MapWindow(Func<TSource, Future<TResult>> submit, IEnumerable<TSource> source, int? bufferSize)
    {
        _submit = submit;
        _source = source.GetEnumerator();
        try
        {
            while ((bufferSize is null || _futures.Count < bufferSize) && SubmitNext())
            {
            }

            if (bufferSize is null)
            {
                ReleaseSource();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The oldest future, after topping the window up from the source; null when all are taken.</summary>
    public Future<TResult>? Next()
    {
        if (_source is not null)
        {
            SubmitNext();
        }

        return _futures.TryDequeue(out var future) ? future : null;
    }

    public void Dispose()
    {
        while (_futures.TryDequeue(out var future))
        {
            future.Cancel();
        }

        ReleaseSource();
    }

    private bool SubmitNext()
    {
        if (_source is null || !_source.MoveNext())
        {
            ReleaseSource();
            return false;
        }

        _futures.Enqueue(_submit(_source.Current));
        return true;
    }

    private void ReleaseSource()
    {
        _source?.Dispose();
        _source = null;
    }
}
