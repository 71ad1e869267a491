using System.Globalization;

namespace Flags.Cli;

/// <summary>Parses durations as the options take them: <c>500ms</c>, <c>1s</c>, <c>1.5s</c>, <c>2m</c>, or a bare number of milliseconds (<c>250</c>).</summary>
internal static class TimeSpanParser
{
    /// <summary>Parses <paramref name="text"/>; false (and zero) if it is not a non-negative duration in that form.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        var (number, unitMs) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 1.0),
            _ when s.EndsWith('s') => (s[..^1], 1000.0),
            _ when s.EndsWith('m') => (s[..^1], 60_000.0),
            _ => (s, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || double.IsInfinity(amount * unitMs) || amount * unitMs > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(amount * unitMs);
        return true;
    }
}
