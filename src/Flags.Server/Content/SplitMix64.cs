namespace Flags.Server.Content;

/// <summary>
/// A tiny deterministic generator (SplitMix64). Used instead of <see cref="Random"/> wherever the output must be
/// the same on every runtime version: generated images and seeded fault decisions.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15);

    /// <summary>A value in [0, <paramref name="maxExclusive"/>); <paramref name="maxExclusive"/> must be positive.</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 finaliser: a good 64-bit hash of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
