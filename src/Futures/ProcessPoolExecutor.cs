using System.Text.Json;
using Futures.ProcessPool;
using Futures.Telemetry;

namespace Futures;

/*
 * How work moves (compare CPython's Lib/concurrent/futures/process.py):
 *
 *  caller threads           ProcessPoolExecutor (parent)                        worker processes
 *  ---------------          ------------------------------------------          ------------------------------
 *                           +------------------+
 *  Submit(fn, arg) -------> | pending queue    |  Pending futures; Cancel works
 *   check fn (static?)      | (FIFO, _gate)    |  until an item is sent.
 *   arg -> JSON             +------------------+
 *                                   | assign: to an idle worker, or start one
 *                                   | (lazily, up to MaxWorkers); one task per worker at a time,
 *                                   | plus one queued Map chunk when every worker is busy
 *                                   v
 *                           +------------------+   stdin pipe: frames           +------------------------+
 *                           | WorkerProcess 1  | -- [len][Define fn]   ------> | Futures.Worker (dotnet |
 *                           |  InFlight tasks  |    [len][Call id fn arg]      |  exec, app's deps)     |
 *                           |  TasksLeft       |                               |  loads app assembly,   |
 *                           |  reader thread   | <- [len][Result id json] ---- |  runs fn(arg)          |
 *                           +------------------+    [len][Error id remote]     +------------------------+
 *                           | WorkerProcess 2  | ...                              ...
 *                           +------------------+
 *          Result() <------ reader thread sends that worker its next item, then completes the future (so the worker
 *                           never idles while this process decodes a result and runs done-callbacks).
 *
 *  End of a worker's stdout = it is gone. Expected after retiring it (shutdown closes stdin of idle workers;
 *  maxTasksPerChild closes it after the last task); otherwise the pool is broken: every worker is killed and every
 *  pending and running future fails with BrokenProcessPoolException. A worker exits on end-of-file on stdin, which is
 *  also what it sees when the parent dies, and it polls the parent's pid while a long task runs.
 */

/// <summary>
/// An <see cref="Executor"/> that runs work in separate worker processes, at most <see cref="MaxWorkers"/> of them
/// (Python's <c>ProcessPoolExecutor</c>). In .NET, threads already run in parallel; a process pool buys isolation: a
/// crash, a leak, a hang or a non-thread-safe native library stays in a worker that can be recycled or killed.
/// </summary>
/// <remarks>
/// <para>Work is a static method, or a lambda that captures nothing, plus an argument and a result that
/// System.Text.Json can serialize; anything else is refused at Submit with an <see cref="ArgumentException"/>. Workers
/// run the application's own code: they load the assembly that holds the method, with the application's dependencies.
/// An exception thrown in a worker comes back as the same type when this process can rebuild it (else as
/// <see cref="RemoteWorkerException"/>), with the worker's stack text in its StackTrace.</para>
/// <para>Async work (a static async method, or an async lambda that captures nothing) is awaited in the worker, which
/// holds that worker until its task completes; a token the work takes is cancelled in the worker by
/// <c>Shutdown(cancelFutures: true)</c>. The work runs in another process, so the caller's ExecutionContext
/// (AsyncLocal values, Activity.Current) does not reach it.</para>
/// <para>A worker that dies breaks the pool: pending and running futures fail with
/// <see cref="BrokenProcessPoolException"/> and later submissions are refused with it.</para>
/// <para>In a trimmed or Native AOT app the functions and the JSON metadata of their arguments and results come from
/// the Futures source generator, which sees the methods and lambdas passed to Submit and Map; one it cannot see is a
/// build warning (FUTxxxx, docs/process-pool-aot.md) and is refused at Submit. Under the JIT, reflection covers
/// the rest.</para>
/// </remarks>
public sealed partial class ProcessPoolExecutor : Executor
{
    private readonly Lock _gate = new();
    private readonly Queue<IProcessWorkItem> _pending = new();
    private readonly List<WorkerProcess> _workers = [];
    private readonly PoolFunctions _functions = new();
    private readonly PoolFunction? _initializer;
    private readonly IWorkerLauncher _launcher;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastTaskId;
    private bool _shutdown;
    private string? _stoppedBy; // "TerminateWorkers()" or "KillWorkers()" once either was called
    private BrokenProcessPoolException? _broken;

    /// <summary>Creates a pool; no process starts until work is submitted.</summary>
    /// <param name="maxWorkers">The most worker processes the pool runs. The default value is <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="maxTasksPerChild">
    /// How many tasks (a Map chunk counts as one) a worker runs before it is replaced by a fresh process. The default
    /// value, null, keeps workers for the life of the pool.
    /// </param>
    /// <param name="initializer">
    /// A static method (or a lambda that captures nothing) run once in each worker before its first task. If it throws,
    /// the pool is broken: pending and later submissions fail with <see cref="BrokenProcessPoolException"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWorkers"/> or <paramref name="maxTasksPerChild"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="initializer"/> carries state, so it cannot run in a worker.</exception>
    public ProcessPoolExecutor(int? maxWorkers = null, int? maxTasksPerChild = null, Action? initializer = null)
        : this(maxWorkers, maxTasksPerChild, initializer, WorkerLauncher.ForApplication)
    {
    }

    /// <summary>A pool whose workers <paramref name="launcher"/> starts (tests point it at a folder without the worker host).</summary>
    internal ProcessPoolExecutor(int? maxWorkers, int? maxTasksPerChild, Action? initializer, IWorkerLauncher launcher)
    {
        var workers = maxWorkers ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(maxWorkers));
        if (maxTasksPerChild is { } tasks)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1, nameof(maxTasksPerChild));
        }

        MaxWorkers = workers;
        MaxTasksPerChild = maxTasksPerChild;
        _launcher = launcher;
        _initializer = initializer is null ? null : _functions.Get(initializer, nameof(initializer));
        ExecutorMetrics.Register(this);
    }

    /// <summary>The most worker processes this pool runs at once.</summary>
    public int MaxWorkers { get; }

    /// <summary>How many tasks a worker runs before it is replaced; null for no limit. The default value is null.</summary>
    public int? MaxTasksPerChild { get; }

    /// <summary>The process ids of the workers alive now (for diagnostics and tests).</summary>
    internal IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _workers.Select(w => w.Pid)];
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing.
    /// </exception>
    protected override Future<T> SubmitCore<T>(Func<T> fn)
    {
        return Enqueue(new ProcessWorkItem<T>(NextTaskId(), _functions.Get(fn, nameof(fn)), argument: null));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">
    /// <paramref name="fn"/> is not a static method or a lambda that captures nothing, or <paramref name="arg"/>
    /// cannot be serialized.
    /// </exception>
    protected override Future<TResult> SubmitCore<TArg, TResult>(Func<TArg, TResult> fn, TArg arg)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessWorkItem<TResult>(NextTaskId(), function, Serialize(arg, function)));
    }

    /// <summary>A Map chunk travels as one message: the items as one JSON array (Python's chunksize).</summary>
    private protected override Future<MapChunk<TResult>> SubmitChunk<TSource, TResult>(Func<TSource, TResult> fn, TSource[] chunk)
    {
        var function = _functions.Get(fn, nameof(fn));
        return Enqueue(new ProcessChunkWorkItem<TResult>(NextTaskId(), function, Serialize(chunk, function)));
    }

    /// <inheritdoc />
    public override void Shutdown(bool wait = true, bool cancelFutures = false)
    {
        List<IProcessWorkItem>? cancelled = null;
        List<(WorkerProcess Worker, long TaskId)>? tokens = null;
        lock (_gate)
        {
            _shutdown = true;
            if (cancelFutures)
            {
                cancelled = [.. _pending];
                _pending.Clear();

                // Running work that took a token: its token lives in the worker, which a Cancel frame reaches.
                tokens = [.. _workers.SelectMany(w => w.InFlight.Where(item => item.TakesToken).Select(item => (w, item.Id)))];
            }

            RetireIdleWorkersIfDrainedLocked();
            SignalIfTerminatedLocked();
        }

        tokens?.ForEach(t => t.Worker.SendCancel(t.TaskId));
        cancelled?.ForEach(item => item.Cancel());
        WaitForWorkersToExit(wait);
    }

    /// <inheritdoc />
    public override Task ShutdownAsync(bool cancelFutures = false)
    {
        Shutdown(wait: false, cancelFutures);
        return _terminated.Task;
    }

    private static byte[] Serialize<TValue>(TValue value, PoolFunction function)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, PayloadJson.Info<TValue>());
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"ProcessPoolExecutor cannot send the argument of {function.Name} to a worker: System.Text.Json cannot serialize {typeof(TValue).Name} ({ex.Message}). Pass plain data (numbers, strings, arrays, records).",
                nameof(value),
                ex);
        }

        // Refused here, at the caller, rather than when a pool thread writes the frame.
        return json.Length <= Frames.MaxPayloadLength
            ? json
            : throw new ArgumentException(
                string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"ProcessPoolExecutor cannot send the argument of {function.Name} to a worker: it is {json.Length:N0} bytes as JSON, over the limit of {Frames.MaxPayloadLength:N0} bytes per message. Pass a smaller argument (a file path, or the work split in parts)."),
                nameof(value));
    }

    private long NextTaskId() => Interlocked.Increment(ref _lastTaskId);

    private void WaitForWorkersToExit(bool wait)
    {
        // A done-callback runs on a worker's reader thread; waiting there for that worker to exit would deadlock.
        if (wait && t_readerOf != this)
        {
            _terminated.Task.Wait();
        }
    }
}
