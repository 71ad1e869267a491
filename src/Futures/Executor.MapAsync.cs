using System.Runtime.CompilerServices;

namespace Futures;

public abstract partial class Executor
{
    /// <summary>
    /// Like <see cref="Map{TSource, TResult}(Func{TSource, TResult}, IEnumerable{TSource}, TimeSpan?, int, int?, CancellationToken)"/>,
    /// consumed with <c>await foreach</c> without blocking a thread: results in source order, every item submitted at
    /// the call unless <paramref name="bufferSize"/> bounds the look-ahead, and leaving the loop early (or the token)
    /// cancels what has not started.
    /// </summary>
    /// <param name="fn">The function to apply.</param>
    /// <param name="source">The items.</param>
    /// <param name="bufferSize">How many items may be submitted ahead of the result being read; null for all.</param>
    /// <param name="cancellationToken">Cancels the items that have not started and ends the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is below 1.</exception>
#pragma warning disable RS0026 // Both overloads with optional parameters are the contract: sync and async work.
    public IAsyncEnumerable<TResult> MapAsync<TSource, TResult>(
        Func<TSource, TResult> fn, IEnumerable<TSource> source, int? bufferSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(source);
        CheckMapArguments(chunkSize: 1, bufferSize);
        var window = new MapWindow<TSource, TResult>(item => Submit(fn, item), source, bufferSize, cancellationToken);
        return MapAsyncResults(window, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="MapAsync{TSource, TResult}(Func{TSource, TResult}, IEnumerable{TSource}, int?, CancellationToken)"/>
    /// for async work. The token <paramref name="fn"/> receives is the executor's: it fires when the executor is shut
    /// down with <c>cancelFutures: true</c>.
    /// </summary>
    /// <param name="fn">The async function to apply.</param>
    /// <param name="source">The items.</param>
    /// <param name="bufferSize">How many items may be submitted ahead of the result being read; null for all.</param>
    /// <param name="cancellationToken">Cancels the items that have not started and ends the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is below 1.</exception>
    public IAsyncEnumerable<TResult> MapAsync<TSource, TResult>(
        Func<TSource, CancellationToken, Task<TResult>> fn, IEnumerable<TSource> source, int? bufferSize = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fn);
        ArgumentNullException.ThrowIfNull(source);
        CheckMapArguments(chunkSize: 1, bufferSize);
        var window = new MapWindow<TSource, TResult>(item => SubmitTaskCore(fn, item), source, bufferSize, cancellationToken);
        return MapAsyncResults(window, cancellationToken);
    }

#pragma warning restore RS0026

    private static async IAsyncEnumerable<TResult> MapAsyncResults<TSource, TResult>(
        MapWindow<TSource, TResult> window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (window)
        {
            // The token given to WithCancellation (combined here with the call's) cancels pending items too.
            using var registration = window.CancelPendingOn(cancellationToken);
            while (window.Next() is { } future)
            {
                TResult result;
                try
                {
                    result = await future.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (future.Cancelled && cancellationToken.IsCancellationRequested)
                {
                    // Cancelled by the token's registration: report the token, not the cancelled item.
                    throw new OperationCanceledException(cancellationToken);
                }
                finally
                {
                    future.Cancel();
                }

                yield return result;
            }
        }
    }
}
