using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Futures.ProcessPool;
using Futures.Worker;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Futures.Orleans.Wire;

/// <summary>
/// The silo's side of ClusterExecutor: runs each request on a <see cref="ThreadPoolExecutor"/> of its own (so that
/// blocking or CPU-bound work never holds the .NET thread pool that Orleans' networking and scheduler run on), with the
/// same invoker a process pool worker uses, and turns the outcome into a <see cref="WorkReply"/>.
/// </summary>
/// <remarks>
/// Graceful stop (drain): when the silo stops, it first refuses new calls and the calls still waiting for one of its
/// threads (a <see cref="WorkReply.Refused"/> reply, which the client sends elsewhere without counting a failed attempt),
/// then holds its shutdown until the work already running has finished and been answered, as long as the host's
/// shutdown timeout allows. Only work still running when that timeout ends fails, as if the silo had died.
/// </remarks>
internal sealed class FuturesWorkerHost : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly ThreadPoolExecutor _executor;
    private readonly ConcurrentDictionary<string, Lazy<WorkerFunction>> _functions = new();
    private readonly ConcurrentDictionary<string, Lazy<ReflectiveFunction>> _reflective = new();

    // The executor's token for each running token-taking call, by call id; a cancel that comes first leaves a cancelled one.
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _tokens = new();
    private readonly string _silo;

    // Admission and the drain meet under this lock: a call is either taken (counted in _active, its work submitted and
    // in _calls, before the drain looks) or refused before it is submitted, never half of each.
    private readonly Lock _gate = new();
    private readonly HashSet<Future<WorkReply>> _calls = [];
    private readonly TakenItems _taken = new();
    private int _active;

    // Set when draining and no call is left: every call taken has produced its reply.
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled only when the drain runs out of time (or the silo is disposed): calls whose work still runs then fail,
    // and the client sends them elsewhere, as for a silo that died.
    private readonly CancellationTokenSource _abandon = new();
    private volatile bool _draining;
    private int _disposed;

    public FuturesWorkerHost(IOptions<Futures.Orleans.FuturesWorkerOptions> options, ILocalSiloDetails silo)
    {
        _silo = silo.SiloAddress.ToString();
        var name = _silo;
        // Every thread of this executor runs this silo's work only: ClusterWorkContext.Silo holds there, after awaits too.
        _executor = new ThreadPoolExecutor(options.Value.MaxConcurrentWork, threadNamePrefix: "FuturesWorker", initializer: () => ClusterWorkContext.Enter(name));
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // The Active stage stops first, while the silo still takes and answers calls: running work can reply.
        lifecycle.Subscribe(nameof(FuturesWorkerHost), ServiceLifecycleStage.Active, static _ => Task.CompletedTask, DrainAsync);

    public async Task<WorkReply> RunAsync(WorkRequest request, CancellationToken cancellationToken)
    {
        Future<WorkReply> future;
        bool owner;
        lock (_gate)
        {
            if (request.ItemId != Guid.Empty && _taken.TryGet(request.ItemId, out var known))
            {
                // Asked again (the reply to an earlier attempt did not reach the client): answered from the one run,
                // while draining too, since it started here.
                (future, owner) = (known, false);
            }
            else if (_draining)
            {
                return Refused(); // not submitted: provably never started here
            }
            else
            {
                future = request.IsReflective ? _executor.Submit(RunReflectiveAsync, request) : _executor.Submit(RunHere, request);
                owner = true;
                _calls.Add(future);
                if (request.ItemId != Guid.Empty)
                {
                    _taken.Add(request.ItemId, future);
                }
            }

            _active++;
        }

        try
        {
            // The client gave up on this call (its item timeout): drop the work if it has not started.
            using (cancellationToken.Register(static f => ((Future)f!).Cancel(), future))
            {
                return await future.WaitAsync(_abandon.Token);
            }
        }
        catch (OperationCanceledException) when (future.Cancelled && _draining && !cancellationToken.IsCancellationRequested)
        {
            // Cancelled by the drain while it still waited for a thread: never started. (The wait throws the task's
            // TaskCanceledException, not FutureCancelledException: the filter looks at the future itself.)
            return Refused();
        }
        finally
        {
            lock (_gate)
            {
                if (owner)
                {
                    _calls.Remove(future);
                    if (request.ItemId != Guid.Empty)
                    {
                        _taken.Finished(request.ItemId, future);
                    }
                }

                if (--_active == 0 && _draining)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    public void Dispose()
    {
        // Registered twice (as itself and as a lifecycle participant), so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _abandon.Cancel();
        _executor.Shutdown(wait: false, cancelFutures: true);
        _abandon.Dispose();
    }

    /// <summary>Cancels the token of the call <paramref name="callId"/>, now or, if it has not arrived yet, when it does.</summary>
    public void CancelToken(Guid callId) => _tokens.GetOrAdd(callId, static _ => new CancellationTokenSource()).Cancel();

    private async Task<WorkReply> RunReflectiveAsync(WorkRequest request)
    {
        var token = request.CallId == Guid.Empty ? null : _tokens.GetOrAdd(request.CallId, static _ => new CancellationTokenSource());
        try
        {
            var function = ResolveReflective(request);
            var argument = request.Argument ?? "null"u8.ToArray();
            if (!request.IsChunk)
            {
                return Reply(await function.CallAsync(argument, token?.Token ?? CancellationToken.None), 1, null);
            }

            // A chunk: one call per element of the JSON array, stopping at the first that throws.
            var items = JsonSerializer.Deserialize<JsonElement[]>(argument) ?? [];
            var buffer = new ArrayBufferWriter<byte>();
            await using var json = new Utf8JsonWriter(buffer);
            json.WriteStartArray();
            var count = 0;
            Exception? error = null;
            foreach (var item in items)
            {
                try
                {
                    json.WriteRawValue(await function.CallAsync(JsonSerializer.SerializeToUtf8Bytes(item), token?.Token ?? CancellationToken.None));
                    count++;
                }
#pragma warning disable CA1031 // The item's exception is the chunk's outcome at that item.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    error = ex;
                    break;
                }
            }

            json.WriteEndArray();
            await json.FlushAsync();
            return Reply(buffer.WrittenSpan.ToArray(), count, error);
        }
#pragma warning disable CA1031 // The work's exception (or a failure to find it or read its argument) is its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(ex);
        }
        finally
        {
            if (token is not null && _tokens.TryRemove(request.CallId, out var removed))
            {
                removed.Dispose();
            }
        }
    }

    private ReflectiveFunction ResolveReflective(WorkRequest request)
    {
        var key = string.Join('|', request.Target, request.TypeName, request.MethodToken, string.Join(';', request.MethodTypeArguments));
        var lazy = _reflective.GetOrAdd(key, _ => new Lazy<ReflectiveFunction>(() => ReflectiveFunction.Resolve(Descriptor(request))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _reflective.TryRemove(new KeyValuePair<string, Lazy<ReflectiveFunction>>(key, lazy));
            throw;
        }
    }

    private static FunctionDescriptor Descriptor(WorkRequest request) => new(
        (FunctionTarget)request.Target, request.AssemblyName, request.AssemblyPath, request.TypeName, request.MethodToken, request.MethodTypeArguments);

    private WorkReply RunHere(WorkRequest request)
    {
        WorkerFunction function;
        try
        {
            function = Resolve(request);
        }
#pragma warning disable CA1031 // A method this silo cannot find is the item's outcome: the caller sees why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(ex);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer);
        int count;
        Exception? error;
        try
        {
            if (request.IsChunk)
            {
                (count, error) = function.Invoker.CallChunk(request.Argument ?? "[]"u8.ToArray(), json);
            }
            else
            {
                function.Invoker.Call(request.Argument ?? "null"u8.ToArray(), json);
                (count, error) = (1, null);
            }

            json.Flush();
        }
#pragma warning disable CA1031 // The work's exception (or a failure to read its argument or write its result) is its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Failed(ex);
        }

        return Reply(buffer.WrittenSpan.ToArray(), count, error);
    }

    /// <summary>The invoker for the request's method, found once per silo and then reused.</summary>
    private WorkerFunction Resolve(WorkRequest request)
    {
        var key = string.Join('|', request.Target, request.TypeName, request.MethodToken, string.Join(';', request.MethodTypeArguments));
        var lazy = _functions.GetOrAdd(key, _ => new Lazy<WorkerFunction>(() =>
        {
            var function = new WorkerFunction(Descriptor(request));
            function.Resolve();
            return function;
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Not cached: a later call may find the method (for example after the assembly is deployed).
            _functions.TryRemove(new KeyValuePair<string, Lazy<WorkerFunction>>(key, lazy));
            throw;
        }
    }

    /// <summary>
    /// Stops taking work, sends back what has not started, and waits until every call taken has its reply (until the
    /// stop is cancelled: only then do calls whose work still runs fail).
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        List<Future<WorkReply>> calls;
        lock (_gate)
        {
            _draining = true;
            calls = [.. _calls];
            if (_active == 0)
            {
                _idle.TrySetResult();
            }
        }

        calls.ForEach(f => f.Cancel()); // only those still waiting for a thread: running work cannot be cancelled
        try
        {
            await _idle.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout (or a stop without grace) ended the drain: what still runs is lost with the silo.
            await _abandon.CancelAsync();
        }
    }

    private WorkReply Refused() => new() { Refused = true, Silo = _silo, ProcessId = Environment.ProcessId };

    private WorkReply Failed(Exception ex) => Reply(null, 0, ex);

    private WorkReply Reply(byte[]? result, int count, Exception? error) => new()
    {
        Result = result,
        Count = count,
        Error = error is null ? null : WorkError.From(RemoteError.From(error)),
        Silo = _silo,
        ProcessId = Environment.ProcessId,
    };
}
