using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Flags.Server.Http;

/// <summary>Conditional requests (RFC 9110 section 13) against one representation's validators.</summary>
internal static class Conditionals
{
    /// <summary>
    /// If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2); a date later than the server's clock is
    /// invalid and ignored (section 13.1.3), so a client with a clock ahead cannot pin a stale copy.
    /// </summary>
    public static bool IsNotModified(IHeaderDictionary requestHeaders, string etag, DateTimeOffset lastModified, DateTimeOffset now)
    {
        StringValues ifNoneMatch = requestHeaders.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            foreach (string? value in ifNoneMatch)
            {
                if (value is not null && ETagListMatches(value, etag))
                {
                    return true;
                }
            }
            return false;
        }
        StringValues ifModifiedSince = requestHeaders.IfModifiedSince;
        return ifModifiedSince.Count == 1
            && HeaderUtilities.TryParseDate(ifModifiedSince[0], out DateTimeOffset since)
            && since <= now
            && lastModified <= since;
    }

    /// <summary>Weak comparison against a comma-separated list of tags, or <c>*</c>.</summary>
    private static bool ETagListMatches(string list, string etag)
    {
        foreach (Range part in list.AsSpan().Split(','))
        {
            ReadOnlySpan<char> tag = list.AsSpan()[part].Trim();
            if (tag.SequenceEqual("*"))
            {
                return true;
            }
            if (tag.StartsWith("W/", StringComparison.Ordinal))
            {
                tag = tag[2..];
            }
            if (tag.SequenceEqual(etag))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>If-Range: the range applies only to the same representation (strong tag or exact date).</summary>
    public static bool IfRangeAllows(StringValues ifRange, string etag, DateTimeOffset lastModified)
    {
        if (ifRange.Count == 0)
        {
            return true;
        }
        string? value = ifRange[0]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (value[0] == '"')
        {
            return string.Equals(value, etag, StringComparison.Ordinal);
        }
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            return false;
        }
        return HeaderUtilities.TryParseDate(value, out DateTimeOffset date) && date == lastModified;
    }
}
