using System.Runtime.ExceptionServices;

namespace Futures;

public abstract partial class Executor
{
    /// <summary>
    /// Applies <paramref name="fn"/> to every item of <paramref name="source"/> concurrently and yields the results in
    /// source order, lazily. Without <paramref name="bufferSize"/> every item is submitted now, at the call (as Python);
    /// with it only that many run ahead of the result being read, and <paramref name="source"/> is read as results are
    /// taken. <paramref name="chunkSize"/> batches items into one work item each, which cuts per-item overhead for tiny
    /// work. An exception thrown for an item surfaces when that item is reached; leaving the enumeration early (break,
    /// dispose, an exception, a timeout) cancels what has not started.
    /// </summary>
    /// <param name="fn">The function to apply.</param>
    /// <param name="source">The items.</param>
    /// <param name="timeout">How long after this call every result must be ready; null waits for ever.</param>
    /// <param name="chunkSize">Items per work item. The default value is 1.</param>
    /// <param name="bufferSize">How many items may be submitted ahead of the result being read; null for all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> or <paramref name="bufferSize"/> is below 1.</exception>
    /// <exception cref="TimeoutException">Thrown while enumerating when a result is not ready in time.</exception>
    public virtual IEnumerable<TResult> Map<TSource, TResult>(
        Func<TSource, TResult> fn, IEnumerable<TSource> source, TimeSpan? timeout = null, int chunkSize = 1, int? bufferSize = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (bufferSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(bufferSize));
        }

        var deadline = Deadline.After(timeout);
        if (chunkSize == 1)
        {
            var futures = new MapWindow<TSource, TResult>(item => Submit(fn, item), source, bufferSize);
            return MapResults(futures, deadline);
        }

        var chunks = new MapWindow<TSource[], MapChunk<TResult>>(chunk => SubmitChunk(fn, chunk), source.Chunk(chunkSize), bufferSize);
        return MapChunkResults(chunks, deadline);
    }

    private static IEnumerable<TResult> MapResults<TSource, TResult>(MapWindow<TSource, TResult> window, Deadline deadline)
    {
        using (window)
        {
            while (window.Next() is { } future)
            {
                yield return ResultOrCancel(future, deadline);
            }
        }
    }

    private static IEnumerable<TResult> MapChunkResults<TSource, TResult>(
        MapWindow<TSource[], MapChunk<TResult>> window, Deadline deadline)
    {
        using (window)
        {
            while (window.Next() is { } future)
            {
                var chunk = ResultOrCancel(future, deadline);
                for (var i = 0; i < chunk.Count; i++)
                {
                    yield return chunk.Results[i];
                }

                chunk.Error?.Throw();
            }
        }
    }

    /// <summary>The result within the deadline; cancels the future if it is not coming (Python's _result_or_cancel).</summary>
    private static T ResultOrCancel<T>(Future<T> future, Deadline deadline)
    {
        try
        {
            if (!future.WaitDone(deadline))
            {
                throw new TimeoutException("A Map result was not ready within the timeout given to Map. Allow a longer timeout.");
            }

            return future.Result();
        }
        finally
        {
            future.Cancel();
        }
    }

    /// <summary>
    /// Schedules one chunk of a Map call as one work item. The default runs <paramref name="fn"/> over the chunk in a
    /// closure; a process pool overrides it, since a closure cannot cross a process boundary.
    /// </summary>
    private protected virtual Future<MapChunk<TResult>> SubmitChunk<TSource, TResult>(Func<TSource, TResult> fn, TSource[] chunk) =>
        Submit(ProcessChunk(fn), chunk);

    private static Func<TSource[], MapChunk<TResult>> ProcessChunk<TSource, TResult>(Func<TSource, TResult> fn) => chunk =>
    {
        var results = new TResult[chunk.Length];
        for (var i = 0; i < chunk.Length; i++)
        {
            try
            {
                results[i] = fn(chunk[i]);
            }
#pragma warning disable CA1031 // The item's exception is handed to the caller at that item, as without chunks.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return new MapChunk<TResult>(results, i, ExceptionDispatchInfo.Capture(ex));
            }
        }

        return new MapChunk<TResult>(results, chunk.Length, null);
    };
}
