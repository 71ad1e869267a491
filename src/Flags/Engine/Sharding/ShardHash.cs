using System.Text;

namespace Flags.Engine.Sharding;

/// <summary>
/// The hash that puts a list line into its shard: FNV-1a 64 over the UTF-8 bytes of the normalised URL (offset basis
/// 14695981039346656037, prime 1099511628211). Fixed and documented (docs/cli.md), the same on every machine, runtime
/// and version: <see cref="string.GetHashCode()"/> is randomised per process and could not be used.
/// </summary>
internal static class ShardHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>FNV-1a 64 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>
    /// The key a list line is sharded by: its URL with scheme and host lower-cased, the default port dropped and the
    /// fragment removed (the same key that finds duplicates, so a duplicate is always in its first line's shard); for
    /// a line that is not an http(s) URL, the trimmed line itself.
    /// </summary>
    public static string Key(string urlOrLine)
    {
        var text = urlOrLine.Trim();
        var first = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var url, ..] ? url : text;
        return Uri.TryCreate(first, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? Normalise(uri)
            : text;
    }

    /// <summary>The normalised form of an http(s) URL (see <see cref="Key"/>).</summary>
    public static string Normalise(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}
