using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Futures.Orleans.Wire;
using Futures.ProcessPool;

namespace Futures.Orleans;

/*
 * How work moves:
 *
 *  caller threads           ClusterExecutor (client process)                      silos (any number)
 *  ---------------          ----------------------------------------              -----------------------------------
 *  Submit(fn, arg) -------> +-----------------+  Pending futures; Cancel works
 *   check fn (static?)      | pending queue   |  until an item is sent.
 *   arg -> JSON             | (FIFO, _gate)   |
 *                           +-----------------+
 *                                   | at most MaxInFlight calls outstanding
 *                                   v
 *                           +-----------------+  grain call to worker id k,      +-------------------------------+
 *                           | CallAsync(item) | --- k = next of 64 ids; ids ---> | FuturesWorkerGrain (stateless |
 *                           |  attempt 1..N   |     map round robin to gateways  |  worker, reentrant)           |
 *                           |  backoff between| <-- WorkReply: result JSON, ---- |  FuturesWorkerHost: own       |
 *                           +-----------------+     or the work's exception      |  threads, process pool invoker|
 *                                   |               as an envelope               +-------------------------------+
 *          Result() <-------- completes the future, then sends the next pending item.
 *
 *  A failed call (silo lost, connection closed, timeout) is sent again, through another gateway, after a backoff; after
 *  MaxAttempts failures the executor is broken: every pending and running future fails with
 *  BrokenClusterExecutorException and later submissions are refused. A retried item may have run on the lost silo
 *  already: delivery is at least once.
 */

/// <summary>
/// An <see cref="Executor"/> whose work runs on stateless worker grains spread over the silos of a Microsoft Orleans
/// cluster: Submit, Map, AsCompleted and Wait across machines, with the same futures as the local executors.
/// </summary>
/// <remarks>
/// <para>Work is what <see cref="ProcessPoolExecutor"/> accepts: a static method, or a lambda that captures nothing,
/// with an argument and a result that System.Text.Json can serialize; anything else is refused at Submit with an
/// <see cref="ArgumentException"/>. Every silo must have called <c>siloBuilder.AddFuturesWorkers()</c> and must be able
/// to load the assembly that holds the method (deploy the application's assemblies with the silo).</para>
/// <para>Failures. An exception thrown by the work is the future's exception: the same type when it can be rebuilt here,
/// else <see cref="RemoteWorkerException"/>, with the silo's stack text either way. A call that fails (a silo is lost,
/// a connection closes, the call times out) is sent again through another gateway, with a growing backoff, up to
/// <see cref="MaxAttempts"/> attempts in all; a first attempt that times out is sent to the same silo again, which
/// answers from its own run if it took the item (its reply may only have been lost). Delivery is still at least once: work whose silo died after running
/// it runs again, so make it idempotent or pass <c>maxAttempts: 1</c>. When a call has failed on every attempt the
/// executor is broken: pending and running futures fail with <see cref="BrokenClusterExecutorException"/> and later
/// submissions are refused with it. <c>maxAttempts: 1</c> gives Python's strict behaviour: the first lost call breaks
/// the executor.</para>
/// <para>Time. Orleans' response timeout (<c>ClientMessagingOptions.ResponseTimeout</c>, 30 s by default) covers the
/// whole call, including the time a call waits in a busy silo's queue; raise it for long work, and keep
/// <see cref="MaxInFlight"/> near the total <c>MaxConcurrentWork</c> of the silos so that calls do not queue long.</para>
/// </remarks>
[RequiresUnreferencedCode("ClusterExecutor finds methods by name in the silos and serializes arguments and results with reflection.")]
[RequiresDynamicCode("ClusterExecutor serializes arguments and results with reflection-based System.Text.Json.")]
public sealed partial class ClusterExecutor : Executor
{
    /// <summary>
    /// The limit of calls in flight when none is given and the cluster cannot tell its capacity (no silo answers): 16.
    /// </summary>
    public const int DefaultMaxInFlight = 16;

    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly PoolFunctions _functions = new(nameof(ClusterExecutor), "a silo");
    private readonly Lock _gate = new();
    private readonly Queue<IClusterWorkItem> _pending = new();
    private readonly HashSet<IClusterWorkItem> _running = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;
    private long _retries;
    private long _refusals;
    private long _lastKey;
    private bool _shutdown;
    private BrokenClusterExecutorException? _broken;

    /// <summary>Creates an executor over a connected cluster client; nothing is sent until work is submitted.</summary>
    /// <param name="client">A started client of a cluster whose silos called <c>AddFuturesWorkers()</c>.</param>
    /// <param name="maxInFlight">
    /// The most calls outstanding at once; further work waits in this executor's queue, where it can still be cancelled.
    /// The default value, null, follows the cluster's capacity: the sum of the active silos' MaxConcurrentWork, asked of
    /// the silos at once and again every few seconds, so that it grows when a silo joins and shrinks when one leaves
    /// (work waits until the first answer; <see cref="DefaultMaxInFlight"/> if no silo answers).
    /// </param>
    /// <param name="maxAttempts">
    /// How many times a call is sent before the executor gives up and breaks; 1 disables retries. The default value is 3.
    /// </param>
    /// <param name="itemTimeout">
    /// How long one attempt may take before it counts as failed (and is retried); the silo drops the work if it has not
    /// started. The default value, null, sets no limit of its own: Orleans' response timeout still applies.
    /// </param>
    /// <param name="timeProvider">The clock for backoff delays and item timeouts. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="maxInFlight"/> or <paramref name="maxAttempts"/> is below 1, or <paramref name="itemTimeout"/> is not positive.
    /// </exception>
    public ClusterExecutor(
        IClusterClient client, int? maxInFlight = null, int maxAttempts = 3, TimeSpan? itemTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (maxInFlight is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxInFlight));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (itemTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(itemTimeout));
        }

        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        MaxAttempts = maxAttempts;
        ItemTimeout = itemTimeout;
        _maxInFlight = maxInFlight ?? 0;
        _ = FollowClusterAsync(deriveLimit: maxInFlight is null);
    }

    /// <summary>
    /// The most calls this executor has outstanding at once: the maxInFlight given, or the cluster's capacity as last
    /// measured (0 until the first answer).
    /// </summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How many times a call is sent before the executor breaks (1: no retries).</summary>
    public int MaxAttempts { get; }

    /// <summary>How long one attempt may take; null for no limit of the executor's own.</summary>
    public TimeSpan? ItemTimeout { get; }

    /// <summary>How many calls were sent again after a failed attempt, since the executor was made.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>How many calls a stopping silo sent back unrun (each was sent elsewhere; none counts as a failed attempt).</summary>
    internal long Refusals => Interlocked.Read(ref _refusals);

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="fn"/> is not a static method or a lambda that captures nothing.</exception>
    protected override Future<T> SubmitCore<T>(Func<T> fn)
    {
        var function = _functions.Get(fn, nameof(fn));
        var item = new ClusterWorkItem<T>(Request(function, argument: null, isChunk: false), function.Name);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing, or <paramref name="arg"/> cannot be serialized.
    /// </exception>
    protected override Future<TResult> SubmitCore<TArg, TResult>(Func<TArg, TResult> fn, TArg arg)
    {
        var function = _functions.Get(fn, nameof(fn));
        var item = new ClusterWorkItem<TResult>(Request(function, Serialize(arg, function), isChunk: false), function.Name);
        Enqueue(item);
        return item;
    }

    /// <summary>A Map chunk travels as one call: the items as one JSON array (Python's chunksize).</summary>
    private protected override Future<MapChunk<TResult>> SubmitChunk<TSource, TResult>(Func<TSource, TResult> fn, TSource[] chunk)
    {
        var function = _functions.Get(fn, nameof(fn));
        var item = new ClusterChunkWorkItem<TResult>(Request(function, Serialize(chunk, function), isChunk: true), function.Name);
        Enqueue(item);
        return item;
    }

    /// <inheritdoc />
    public override void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        List<IClusterWorkItem>? cancelled = null;
        List<IClusterWorkItem>? running = null;
        lock (_gate)
        {
            _shutdown = true;
            if (cancelFutures)
            {
                cancelled = [.. _pending];
                _pending.Clear();
                running = [.. _running];
            }

            SignalIfTerminatedLocked();
        }

        cancelled?.ForEach(item => item.Cancel());
        if (running is not null)
        {
            _ = CancelTokensAsync(running);
        }

        // A done-callback runs on the thread that finishes a call; waiting there for that call to end would deadlock.
        if (wait && t_completingFor != this)
        {
            _terminated.Task.Wait();
        }
    }

    /// <inheritdoc />
    public override Task ShutdownAsync(bool cancelFutures = false)
    {
        Shutdown(wait: false, cancelFutures);
        return _terminated.Task;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _terminated.Task.IsCompleted)
        {
            _abort.Dispose();
        }
    }

    private static WorkRequest Request(PoolFunction function, byte[]? argument, bool isChunk)
    {
        var descriptor = function.Descriptor;
        return new WorkRequest
        {
            Target = (byte)descriptor.Target,
            AssemblyName = descriptor.AssemblyName,
            AssemblyPath = descriptor.AssemblyPath,
            TypeName = descriptor.TypeName,
            MethodToken = descriptor.MethodToken,
            MethodTypeArguments = descriptor.MethodTypeArguments,
            Argument = argument,
            IsChunk = isChunk,
            ItemId = Guid.NewGuid(),
        };
    }

    private static byte[] Serialize<TValue>(TValue value, PoolFunction function)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, PayloadJson.Options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"ClusterExecutor cannot send the argument of {function.Name} to a silo: System.Text.Json cannot serialize {typeof(TValue).Name} ({ex.Message}). Pass plain data (numbers, strings, arrays, records).",
                nameof(value),
                ex);
        }
    }
}
