using Flags.Server.Content;

namespace Flags.Server.Faults;

/// <summary>
/// Decides each request's fate from a hash of (seed, request sequence number): lock-free, and for a given seed the
/// n-th request always gets the same plan, so a run's mix of faults and delays is reproducible while a retry (a
/// later sequence number) of a failed URL can succeed.
/// </summary>
internal sealed class RequestPlanner
{
    private static readonly FaultKind[] AllFaults = Enum.GetValues<FaultKind>();

    private readonly ulong _seed;
    private readonly FaultKind[] _faults;
    private long _sequence;

    public RequestPlanner(int seed, double errorRate, TimeSpan delay, double heldFraction, TimeSpan jitter, IReadOnlySet<FaultKind>? faults)
    {
        _seed = SplitMix64.Mix((ulong)(uint)seed ^ 0x5DEECE66DUL);
        ErrorRate = errorRate;
        Delay = delay;
        HeldFraction = heldFraction;
        Jitter = jitter;
        // Sorted so that the same set gives the same choice whatever its enumeration order.
        _faults = faults is null ? AllFaults : [.. faults.Order()];
    }

    /// <summary>Probability that a request fails.</summary>
    public double ErrorRate { get; }

    /// <summary>The hold of a held response, before jitter.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Share of the non-failed requests that are held.</summary>
    public double HeldFraction { get; }

    /// <summary>Upper bound (exclusive) of the uniform extra hold.</summary>
    public TimeSpan Jitter { get; }

    /// <summary>The fault kinds to choose from.</summary>
    public IReadOnlyList<FaultKind> Faults => _faults;

    /// <summary>How many requests have been planned so far.</summary>
    public long Count => Interlocked.Read(ref _sequence);

    /// <summary>The plan of the next request.</summary>
    public RequestPlan Next() => PlanFor(Interlocked.Increment(ref _sequence));

    /// <summary>The plan of the request with sequence number <paramref name="sequence"/> (1 for the first).</summary>
    public RequestPlan PlanFor(long sequence)
    {
        var random = new SplitMix64(_seed ^ SplitMix64.Mix((ulong)sequence));
        // Draw every number on every request so that changing one knob does not shift the others' sequences.
        double failDraw = random.NextDouble();
        int faultDraw = random.Next(int.MaxValue);
        double holdDraw = random.NextDouble();
        double jitterDraw = random.NextDouble();

        if (failDraw < ErrorRate && _faults.Length > 0)
        {
            return new RequestPlan(sequence, _faults[faultDraw % _faults.Length], TimeSpan.Zero);
        }
        if (holdDraw >= HeldFraction)
        {
            return new RequestPlan(sequence, null, TimeSpan.Zero);
        }
        return new RequestPlan(sequence, null, Delay + (Jitter * jitterDraw));
    }
}
