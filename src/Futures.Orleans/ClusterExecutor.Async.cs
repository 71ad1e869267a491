using Futures.Orleans.Wire;
using Futures.ProcessPool;

namespace Futures.Orleans;

// Version 2 work on the silos: work without a result, two arguments (a Map over two sources), async methods awaited in
// the silo, and work given the executor's token. The same rule as for sync work: a static method or a lambda that
// captures nothing, with JSON-serializable arguments and results.
public sealed partial class ClusterExecutor
{
    /// <inheritdoc />
    protected override Future SubmitCore(Action fn) => SubmitWork<VoidResult>(fn, argument: null, reflective: false, token: false);

    /// <inheritdoc />
    protected override Future<TResult> SubmitCore<T1, T2, TResult>(Func<T1, T2, TResult> fn, T1 arg1, T2 arg2) =>
        SubmitWork<TResult>(fn, new object?[] { arg1, arg2 }, reflective: true, token: false);

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<Task<T>> fn) => SubmitWork<T>(fn, argument: null, reflective: true, token: false);

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<Task> fn) => SubmitWork<VoidResult>(fn, argument: null, reflective: true, token: false);

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, Task<TResult>> fn, TArg arg) =>
        SubmitWork<TResult>(fn, new Box<TArg>(arg), reflective: true, token: false);

    /// <inheritdoc />
    protected override Future<T> SubmitTaskCore<T>(Func<CancellationToken, Task<T>> fn) => SubmitWork<T>(fn, argument: null, reflective: true, token: true);

    /// <inheritdoc />
    protected override Future SubmitTaskCore(Func<CancellationToken, Task> fn) => SubmitWork<VoidResult>(fn, argument: null, reflective: true, token: true);

    /// <inheritdoc />
    protected override Future<TResult> SubmitTaskCore<TArg, TResult>(Func<TArg, CancellationToken, Task<TResult>> fn, TArg arg) =>
        SubmitWork<TResult>(fn, new Box<TArg>(arg), reflective: true, token: true);

    /// <summary>A Map chunk over two sources travels as one call: a JSON array of [item1, item2] pairs.</summary>
    private protected override Future<MapChunk<TResult>> SubmitChunk<T1, T2, TResult>(Func<T1, T2, TResult> fn, (T1, T2)[] chunk)
    {
        var function = _functions.Get(fn, nameof(fn));
        var pairs = Array.ConvertAll(chunk, pair => new object?[] { pair.Item1, pair.Item2 });
        var item = new ClusterChunkWorkItem<TResult>(Request(function, Serialize(pairs, function), isChunk: true) with { IsReflective = true }, function.Name);
        Enqueue(item);
        return item;
    }

    private ClusterWorkItem<TResult> SubmitWork<TResult>(Delegate fn, object? argument, bool reflective, bool token)
    {
        var function = _functions.Get(fn, nameof(fn));
        var json = argument switch
        {
            null => null,
            IBox box => box.Serialize(function),
            _ => Serialize(argument, function),
        };
        var request = Request(function, json, isChunk: false) with { IsReflective = reflective, CallId = token ? Guid.NewGuid() : Guid.Empty };
        var item = new ClusterWorkItem<TResult>(request, function.Name);
        Enqueue(item);
        return item;
    }

    /// <summary>Tells the silos to cancel the executor's token of these running items (Shutdown with cancelFutures).</summary>
    /// <remarks>
    /// The silos known from the last look at the cluster hear it at once. Work sent before the first answer of that look
    /// (a given maxInFlight sends at once) went through a gateway to a silo the executor may not know yet, so the active
    /// silos are also asked for and told; a silo that does not run the item has nothing to cancel.
    /// </remarks>
    private async Task CancelTokensAsync(List<IClusterWorkItem> running)
    {
        var calls = running.Where(i => i.TakesToken).Select(i => i.Request.CallId).ToList();
        if (calls.Count == 0)
        {
            return;
        }

        HashSet<SiloAddress> told;
        lock (_gate)
        {
            told = [.. _silos.Select(s => s.Address)];
        }

        TellSilos(told, calls);
        try
        {
            var hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(CapacityQueryTimeout, _time).ConfigureAwait(false);
            TellSilos([.. hosts.Keys.Where(told.Add)], calls);
        }
#pragma warning disable CA1031 // No answer (no gateway, a timeout): the known silos were told; nothing escapes onto a pool thread.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void TellSilos(IEnumerable<SiloAddress> silos, List<Guid> calls)
    {
        foreach (var silo in silos)
        {
            var grain = _client.GetGrain<IFuturesSiloGrain>(silo.ToParsableString());
            foreach (var call in calls)
            {
                // Fire and forget: one that is gone answers nothing.
                Hinted(silo, () => grain.CancelToken(call)).Ignore();
            }
        }
    }

    /// <summary>An argument, serialized with its static type (as the one-argument sync path does).</summary>
    private interface IBox
    {
        byte[] Serialize(PoolFunction function);
    }

    private sealed record Box<T>(T Value) : IBox
    {
        public byte[] Serialize(PoolFunction function) => ClusterExecutor.Serialize(Value, function);
    }
}
