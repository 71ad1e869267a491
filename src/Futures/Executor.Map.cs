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
    /// dispose, an exception, a timeout) cancels what has not started, and so does <paramref name="cancellationToken"/>,
    /// at once, after which the enumeration throws <see cref="OperationCanceledException"/>. Every item runs under the
    /// execution context of this call.
    /// </summary>
    /// <param name="fn">The function to apply.</param>
    /// <param name="source">The items.</param>
    /// <param name="timeout">How long after this call every result must be ready; null waits for ever.</param>
    /// <param name="chunkSize">Items per work item. The default value is 1.</param>
    /// <param name="bufferSize">How many items may be submitted ahead of the result being read; null for all.</param>
    /// <param name="cancellationToken">Cancels the items that have not started and ends the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> or <paramref name="bufferSize"/> is below 1.</exception>
    /// <exception cref="TimeoutException">Thrown while enumerating when a result is not ready in time.</exception>
#pragma warning disable RS0026 // The overloads with optional parameters are the contract (Python's map with one or two iterables).
    public virtual IEnumerable<TResult> Map<TSource, TResult>(
        Func<TSource, TResult> fn, IEnumerable<TSource> source, TimeSpan? timeout = null, int chunkSize = 1, int? bufferSize = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(source);
        CheckMapArguments(chunkSize, bufferSize);

        var deadline = Deadline.After(timeout);
        if (chunkSize == 1)
        {
            var futures = new MapWindow<TSource, TResult>(item => Submit(fn, item), source, bufferSize, cancellationToken);
            return MapResults(futures, deadline, cancellationToken);
        }

        var chunks = new MapWindow<TSource[], MapChunk<TResult>>(
            chunk => SubmitChunk(fn, chunk), source.Chunk(chunkSize), bufferSize, cancellationToken);
        return MapChunkResults(chunks, deadline, cancellationToken);
    }

    /// <summary>
    /// Python's <c>map(fn, source1, source2)</c>: applies <paramref name="fn"/> to the items of both sources taken in
    /// step, stopping at the end of the shorter one; otherwise as
    /// <see cref="Map{TSource, TResult}(Func{TSource, TResult}, IEnumerable{TSource}, TimeSpan?, int, int?, CancellationToken)"/>.
    /// </summary>
    /// <param name="fn">The function to apply.</param>
    /// <param name="source1">The first arguments.</param>
    /// <param name="source2">The second arguments.</param>
    /// <param name="timeout">How long after this call every result must be ready; null waits for ever.</param>
    /// <param name="chunkSize">Items per work item. The default value is 1.</param>
    /// <param name="bufferSize">How many items may be submitted ahead of the result being read; null for all.</param>
    /// <param name="cancellationToken">Cancels the items that have not started and ends the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> or <paramref name="bufferSize"/> is below 1.</exception>
    /// <exception cref="TimeoutException">Thrown while enumerating when a result is not ready in time.</exception>
    public virtual IEnumerable<TResult> Map<T1, T2, TResult>(
        Func<T1, T2, TResult> fn, IEnumerable<T1> source1, IEnumerable<T2> source2, TimeSpan? timeout = null, int chunkSize = 1,
        int? bufferSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(source1);
        ArgumentNullException.ThrowIfNull(source2);
        CheckMapArguments(chunkSize, bufferSize);

        var deadline = Deadline.After(timeout);
        var pairs = source1.Zip(source2);
        if (chunkSize == 1)
        {
            var futures = new MapWindow<(T1, T2), TResult>(
                pair => SubmitCore(fn, pair.Item1, pair.Item2), pairs, bufferSize, cancellationToken);
            return MapResults(futures, deadline, cancellationToken);
        }

        var chunks = new MapWindow<(T1, T2)[], MapChunk<TResult>>(
            chunk => SubmitChunk(fn, chunk), pairs.Chunk(chunkSize), bufferSize, cancellationToken);
        return MapChunkResults(chunks, deadline, cancellationToken);
    }

#pragma warning restore RS0026

    private static void CheckMapArguments(int chunkSize, int? bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        if (bufferSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(bufferSize));
        }
    }

    private static IEnumerable<TResult> MapResults<TSource, TResult>(
        MapWindow<TSource, TResult> window, Deadline deadline, CancellationToken cancellationToken)
    {
        using (window)
        {
            while (window.Next() is { } future)
            {
                yield return ResultOrCancel(future, deadline, cancellationToken);
            }
        }
    }

    private static IEnumerable<TResult> MapChunkResults<TSource, TResult>(
        MapWindow<TSource[], MapChunk<TResult>> window, Deadline deadline, CancellationToken cancellationToken)
    {
        using (window)
        {
            while (window.Next() is { } future)
            {
                var chunk = ResultOrCancel(future, deadline, cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    yield return chunk.Results[i];
                }

                chunk.Error?.Throw();
            }
        }
    }

    /// <summary>The result within the deadline; cancels the future if it is not coming (Python's _result_or_cancel).</summary>
    private static T ResultOrCancel<T>(Future<T> future, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            if (!future.WaitDone(deadline, cancellationToken))
            {
                throw new TimeoutException("A Map result was not ready within the timeout given to Map. Allow a longer timeout.");
            }

            // The token's registration cancels what has not started: report the token, not the cancelled item.
            if (future.Cancelled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return future.Result(timeout: null, CancellationToken.None); // Done by now.
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

    /// <summary>One chunk of a Map over two sources; the default runs <paramref name="fn"/> over the pairs in a closure.</summary>
    private protected virtual Future<MapChunk<TResult>> SubmitChunk<T1, T2, TResult>(Func<T1, T2, TResult> fn, (T1, T2)[] chunk) =>
        Submit(ProcessChunk<(T1, T2), TResult>(pair => fn(pair.Item1, pair.Item2)), chunk);

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
