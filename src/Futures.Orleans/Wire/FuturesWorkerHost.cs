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
    private readonly ConcurrentDictionary<Future<WorkReply>, byte> _calls = new();
    private readonly string _silo;
    private volatile bool _draining;

    public FuturesWorkerHost(IOptions<Futures.Orleans.FuturesWorkerOptions> options, ILocalSiloDetails silo)
    {
        _executor = new ThreadPoolExecutor(options.Value.MaxConcurrentWork, threadNamePrefix: "FuturesWorker");
        _silo = silo.SiloAddress.ToString();
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        // The Active stage stops first, while the silo still takes and answers calls: running work can reply.
        lifecycle.Subscribe(nameof(FuturesWorkerHost), ServiceLifecycleStage.Active, static _ => Task.CompletedTask, DrainAsync);

    public async Task<WorkReply> RunAsync(WorkRequest request, CancellationToken cancellationToken)
    {
        if (_draining)
        {
            return Refused();
        }

        var future = _executor.Submit(Run, request);
        _calls.TryAdd(future, 0);
        try
        {
            if (_draining && future.Cancel())
            {
                return Refused(); // the drain began between the check and the submit, and missed this call
            }

            // The client gave up on this call (its item timeout): drop the work if it has not started.
            using (cancellationToken.Register(static f => ((Future)f!).Cancel(), future))
            {
                return await future;
            }
        }
        catch (FutureCancelledException) when (_draining && !cancellationToken.IsCancellationRequested)
        {
            return Refused(); // still waiting for a thread when the drain began
        }
        finally
        {
            _calls.TryRemove(future, out _);
        }
    }

    public void Dispose() => _executor.Shutdown(wait: false, cancelFutures: true);

    private WorkReply Run(WorkRequest request)
    {
        ClusterWorkContext.Enter(_silo);
        try
        {
            return RunHere(request);
        }
        finally
        {
            ClusterWorkContext.Leave();
        }
    }

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
            var descriptor = new FunctionDescriptor(
                (FunctionTarget)request.Target, request.AssemblyName, request.AssemblyPath, request.TypeName, request.MethodToken, request.MethodTypeArguments);
            var function = new WorkerFunction(descriptor);
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

    /// <summary>Stops taking work, sends back what has not started, waits for what has (until the stop is cancelled).</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var calls = _calls.Keys.ToList();
        calls.ForEach(f => f.Cancel()); // only those still waiting for a thread: running work cannot be cancelled
        try
        {
            await Task.WhenAll(calls.Select(f => f.AsTask())).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancelled futures, or the host's shutdown timeout ended the drain: what still runs fails with the silo.
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
