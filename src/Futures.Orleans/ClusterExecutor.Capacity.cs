using Futures.Orleans.Wire;
using Orleans.Runtime.Placement;

namespace Futures.Orleans;

public sealed partial class ClusterExecutor
{
    /// <summary>How often an executor without a given maxInFlight asks the cluster for its capacity again.</summary>
    internal static readonly TimeSpan CapacityRefreshPeriod = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CapacityQueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Keeps <see cref="MaxInFlight"/> at the cluster's capacity, the sum of the active silos' MaxConcurrentWork: asks
    /// at once, then every <see cref="CapacityRefreshPeriod"/> until the executor has terminated, so that joining and
    /// leaving silos change it. Until the first answer nothing is sent; if the cluster cannot be asked, the limit
    /// falls back to <see cref="DefaultMaxInFlight"/> rather than holding work back.
    /// </summary>
    private async Task FollowCapacityAsync()
    {
        await Task.Yield(); // not on the constructing thread
        while (!_terminated.Task.IsCompleted)
        {
            int capacity;
            try
            {
                capacity = await QueryCapacityAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // No answer (no gateway, a timeout): keep the current limit, ask again later.
            catch (Exception)
#pragma warning restore CA1031
            {
                capacity = 0;
            }

            SetMaxInFlight(capacity > 0 ? capacity : _maxInFlight > 0 ? _maxInFlight : DefaultMaxInFlight);
            await Task.WhenAny(Task.Delay(CapacityRefreshPeriod, _time), _terminated.Task).ConfigureAwait(false);
        }
    }

    /// <summary>The sum of MaxConcurrentWork over the active silos that answer; 0 if none does.</summary>
    private async Task<int> QueryCapacityAsync()
    {
        var hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(CapacityQueryTimeout, _time).ConfigureAwait(false);
        var answers = await Task.WhenAll(hosts.Keys.Select(AskSiloAsync)).ConfigureAwait(false);
        // A hint that no longer fits (the silo just left) places the grain elsewhere: count each silo once.
        return answers.OfType<SiloCapacity>().DistinctBy(a => a.Silo).Sum(a => a.MaxConcurrentWork);
    }

    private async Task<SiloCapacity?> AskSiloAsync(SiloAddress silo)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return await _client.GetGrain<IFuturesSiloGrain>(silo.ToParsableString()).Capacity().WaitAsync(CapacityQueryTimeout, _time).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A silo that does not answer adds nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private void SetMaxInFlight(int limit)
    {
        List<IClusterWorkItem>? sends;
        lock (_gate)
        {
            _maxInFlight = limit;
            sends = TakeSendableLocked();
        }

        Send(sends);
    }
}
