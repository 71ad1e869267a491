namespace Flags.Engine;

/// <summary>
/// Remembers strings by a 64-bit FNV-1a hash instead of the strings themselves: about 20 bytes per entry whatever the
/// string's length, so a list of a million URLs costs ~20 MB, not the URLs' size. The price is a false "seen" for two
/// different strings with the same hash, about 1 in 3.7e13 for a million entries.
/// </summary>
internal sealed class CompactHashSet
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly HashSet<ulong> _hashes = [];

    /// <summary>Adds <paramref name="value"/>; false when it (or a string with the same hash) was already added.</summary>
    public bool Add(string value) => _hashes.Add(Hash(value));

    private static ulong Hash(string value)
    {
        var hash = OffsetBasis;
        foreach (var c in value)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return hash;
    }
}
