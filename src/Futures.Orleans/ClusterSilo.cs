namespace Futures.Orleans;

/// <summary>
/// A silo as the executor sees it: where to send (the key of its <c>IFuturesSiloGrain</c>), how much it runs at once,
/// how many of this executor's calls it holds, and whether a call to it failed since the last look at the cluster.
/// Changed only under the executor's gate.
/// </summary>
internal sealed class ClusterSilo(SiloAddress address, int capacity)
{
    public SiloAddress Address { get; } = address;

    public string Key { get; } = address.ToParsableString();

    public int Capacity { get; } = capacity;

    public int InFlight { get; set; }

    /// <summary>
    /// Until when calls avoid this silo: a call failed or was refused here. Kept across looks at the cluster, since a
    /// silo that died while the membership store was unreachable stays "active" until the store is back.
    /// </summary>
    public DateTimeOffset SuspectUntil { get; set; }

    public int Free => Capacity - InFlight;
}
