using System.Globalization;

namespace Flags.Server.Http;

/// <summary>How a <c>Range</c> header applies to a body of known length (RFC 9110 section 14).</summary>
internal enum RangeOutcome
{
    /// <summary>No usable range: answer 200 with the whole body (also for several ranges, which a server may ignore).</summary>
    Ignore,

    /// <summary>One satisfiable range: answer 206.</summary>
    Partial,

    /// <summary>A well-formed range that lies past the end: answer 416.</summary>
    Unsatisfiable,
}

/// <summary>Parses a single-range <c>bytes=</c> request.</summary>
internal static class ByteRange
{
    /// <summary>Applies <paramref name="header"/> to a body of <paramref name="length"/> bytes.</summary>
    /// <param name="header">The Range header value.</param>
    /// <param name="length">The body length.</param>
    /// <param name="start">First byte of the range, when <see cref="RangeOutcome.Partial"/>.</param>
    /// <param name="end">Last byte of the range (inclusive), when <see cref="RangeOutcome.Partial"/>.</param>
    public static RangeOutcome Parse(ReadOnlySpan<char> header, long length, out long start, out long end)
    {
        start = 0;
        end = -1;
        header = header.Trim();
        const string unit = "bytes=";
        if (!header.StartsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            return RangeOutcome.Ignore;
        }
        ReadOnlySpan<char> spec = header[unit.Length..].Trim();
        if (spec.IsEmpty || spec.Contains(','))
        {
            return RangeOutcome.Ignore;
        }
        int dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return RangeOutcome.Ignore;
        }
        ReadOnlySpan<char> first = spec[..dash].Trim();
        ReadOnlySpan<char> last = spec[(dash + 1)..].Trim();

        if (first.IsEmpty)
        {
            // Suffix range "-N": the last N bytes.
            if (!TryParseDigits(last, out long suffix))
            {
                return RangeOutcome.Ignore;
            }
            if (suffix == 0 || length == 0)
            {
                return RangeOutcome.Unsatisfiable;
            }
            start = Math.Max(0, length - suffix);
            end = length - 1;
            return RangeOutcome.Partial;
        }

        if (!TryParseDigits(first, out start))
        {
            return RangeOutcome.Ignore;
        }
        if (last.IsEmpty)
        {
            end = length - 1;
        }
        else if (!TryParseDigits(last, out end) || end < start)
        {
            return RangeOutcome.Ignore; // invalid syntax: the header is ignored, not rejected
        }
        if (start >= length)
        {
            return RangeOutcome.Unsatisfiable;
        }
        end = Math.Min(end, length - 1);
        return RangeOutcome.Partial;
    }

    private static bool TryParseDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        // Larger than any body: treat as "to the end" rather than failing on overflow.
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = long.MaxValue;
        }
        return !text.IsEmpty;
    }
}
