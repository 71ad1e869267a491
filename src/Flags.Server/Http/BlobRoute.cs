using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Flags.Server.Http;

/// <summary>
/// <c>/blob/{bytes}[?seed=N][&amp;ranges=0][&amp;reset=N]</c>: a generated body of <c>bytes</c> bytes (a number,
/// or with a binary suffix: <c>4k</c>, <c>10M</c>, <c>2G</c>), the bytes chosen by <c>seed</c> (default 0);
/// <c>ranges=0</c> turns range support off; <c>reset=N</c> resets the connection after N body bytes.
/// </summary>
/// <param name="Length">The body length.</param>
/// <param name="Seed">The seed of the bytes.</param>
/// <param name="Ranges">Whether Range requests are honoured (and Accept-Ranges: bytes sent).</param>
/// <param name="ResetAfter">Body bytes to send before a reset, when set.</param>
internal readonly record struct BlobRequest(long Length, ulong Seed, bool Ranges, long? ResetAfter)
{
    /// <summary>The path prefix.</summary>
    public const string Prefix = "/blob/";

    /// <summary>The largest blob: 1 TiB, far beyond any test, small enough that no length overflows.</summary>
    public const long MaxLength = 1L << 40;

    /// <summary>Parses the path after <see cref="Prefix"/> and the query; <see langword="null"/> when malformed.</summary>
    public static BlobRequest? Parse(ReadOnlySpan<char> size, IQueryCollection query)
    {
        if (!TryParseSize(size, out long length))
        {
            return null;
        }
        ulong seed = 0;
        bool ranges = true;
        long? resetAfter = null;
        if (query.Count > 0)
        {
            if (query.TryGetValue("seed", out var seedText) && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            {
                return null;
            }
            if (query.TryGetValue("ranges", out var rangesText))
            {
                if (rangesText != "0" && rangesText != "1")
                {
                    return null;
                }
                ranges = rangesText == "1";
            }
            if (query.TryGetValue("reset", out var resetText))
            {
                if (!long.TryParse(resetText, NumberStyles.None, CultureInfo.InvariantCulture, out long reset))
                {
                    return null;
                }
                resetAfter = reset;
            }
        }
        return new BlobRequest(length, seed, ranges, resetAfter);
    }

    /// <summary>The strong validator: the same (length, seed) is the same representation.</summary>
    public string ETag => string.Create(CultureInfo.InvariantCulture, $"\"blob-{Length}-{Seed}\"");

    private static bool TryParseSize(ReadOnlySpan<char> text, out long length)
    {
        length = 0;
        if (text.IsEmpty)
        {
            return false;
        }
        int shift = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            _ => 0,
        };
        ReadOnlySpan<char> digits = shift == 0 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number > (MaxLength >> shift))
        {
            return false;
        }
        length = number << shift;
        return true;
    }
}
