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

    /// <summary>A call failed or was refused here: send elsewhere until the next refresh says it is active.</summary>
    public bool Suspect { get; set; }

    public int Free => Capacity - InFlight;
}
