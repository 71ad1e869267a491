using Futures.Orleans.Wire;
using Orleans.Runtime.Placement;

namespace Futures.Orleans;

public sealed partial class ClusterExecutor
{
    /// <summary>How often the executor looks at the cluster again: which silos are active and what each runs at once.</summary>
    internal static readonly TimeSpan CapacityRefreshPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CapacityQueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long calls avoid a silo after one failed or was refused there.</summary>
    private static readonly TimeSpan SuspectPeriod = TimeSpan.FromSeconds(10);

    private List<ClusterSilo> _silos = [];
    private int _nextSilo;

    /// <summary>
    /// Follows the cluster until the executor has terminated: asks at once, then every <see cref="CapacityRefreshPeriod"/>,
    /// which silos are active and how much work each runs at once. Calls go to those silos by free slots; without a
    /// given maxInFlight, <see cref="MaxInFlight"/> is their sum. Until the first answer nothing is sent when the limit
    /// is derived; if the cluster cannot be asked, the limit falls back to <see cref="DefaultMaxInFlight"/> rather than
    /// holding work back.
    /// </summary>
    private async Task FollowClusterAsync(bool deriveLimit)
    {
        await Task.Yield(); // not on the constructing thread
        while (!_terminated.Task.IsCompleted)
        {
            List<ClusterSilo> silos;
            try
            {
                silos = await QuerySilosAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // No answer (no gateway, a timeout): keep what is known, ask again later.
            catch (Exception)
#pragma warning restore CA1031
            {
                silos = [];
            }

            UpdateSilos(silos, deriveLimit);
            await Task.WhenAny(Task.Delay(CapacityRefreshPeriod, _time), _terminated.Task).ConfigureAwait(false);
        }
    }

    /// <summary>The active silos that answer for themselves, with their MaxConcurrentWork (those with none left out).</summary>
    private async Task<List<ClusterSilo>> QuerySilosAsync()
    {
        var hosts = await _client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(CapacityQueryTimeout, _time).ConfigureAwait(false);
        var answers = await Task.WhenAll(hosts.Keys.Select(AskSiloAsync)).ConfigureAwait(false);
        return [.. answers.OfType<ClusterSilo>().Where(s => s.Capacity > 0)];
    }

    private async Task<ClusterSilo?> AskSiloAsync(SiloAddress silo)
    {
        try
        {
            var answer = await Hinted(silo, () => _client.GetGrain<IFuturesSiloGrain>(silo.ToParsableString()).Capacity())
                .WaitAsync(CapacityQueryTimeout, _time).ConfigureAwait(false);
            // A hint that no longer fits (the silo just left) places the grain elsewhere: only a silo's own answer counts.
            return answer.Silo == silo.ToString() ? new ClusterSilo(silo, answer.MaxConcurrentWork) : null;
        }
#pragma warning disable CA1031 // A silo that does not answer gets no work.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Starts a grain call whose first activation is placed on <paramref name="silo"/>.</summary>
    private static TTask Hinted<TTask>(SiloAddress silo, Func<TTask> call)
        where TTask : Task
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private void UpdateSilos(List<ClusterSilo> silos, bool deriveLimit)
    {
        List<IClusterWorkItem>? sends;
        lock (_gate)
        {
            // Calls still out to a silo stay counted against it.
            var previous = _silos.ToDictionary(s => s.Address);
            foreach (var silo in silos)
            {
                if (previous.TryGetValue(silo.Address, out var known))
                {
                    (silo.InFlight, silo.SuspectUntil) = (known.InFlight, known.SuspectUntil);
                }
            }

            if (silos.Count > 0)
            {
                _silos = silos;
            }

            if (deriveLimit)
            {
                var capacity = _silos.Sum(s => s.Capacity);
                Volatile.Write(ref _maxInFlight, capacity > 0 ? capacity : _maxInFlight > 0 ? _maxInFlight : DefaultMaxInFlight);
            }

            sends = TakeSendableLocked();
        }

        Send(sends);
    }

    /// <summary>
    /// <paramref name="prefer"/> while it is among the active silos (asked again after a lost reply, suspect or not),
    /// else the silo with the most free slots (turn about among equals); its slot taken; null if none is known.
    /// </summary>
    private ClusterSilo? TakeSilo(SiloAddress? prefer = null)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            ClusterSilo? best = prefer is null ? null : _silos.Find(s => s.Address.Equals(prefer));
            if (best is not null)
            {
                best.InFlight++;
                return best;
            }

            var count = _silos.Count;
            for (var i = 0; i < count; i++)
            {
                var silo = _silos[(_nextSilo + i) % count];
                if (silo.SuspectUntil <= now && (best is null || silo.Free > best.Free))
                {
                    best = silo;
                }
            }

            if (best is not null)
            {
                best.InFlight++;
                _nextSilo = (_silos.IndexOf(best) + 1) % count;
            }

            return best;
        }
    }

    private void ReleaseSilo(ClusterSilo silo, bool suspect)
    {
        var until = _time.GetUtcNow() + SuspectPeriod;
        lock (_gate)
        {
            silo.InFlight--;
            if (suspect)
            {
                silo.SuspectUntil = until;
            }
        }
    }
}
