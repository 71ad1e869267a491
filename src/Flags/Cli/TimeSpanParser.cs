using System.CommandLine.Parsing;
using System.Globalization;

namespace Flags.Cli;

/// <summary>
/// Reads the TIME values of command-line options: a bare number is milliseconds (<c>250</c>), or a number with a
/// unit: <c>ms</c>, <c>s</c>, <c>m</c> (<c>500ms</c>, <c>1s</c>, <c>1.5s</c>, <c>2m</c>). Invariant culture, no
/// negative values.
/// </summary>
internal static class TimeSpanParser
{
    /// <summary>The largest value accepted: one day, far beyond any sensible timeout or delay.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(1);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="value">The time, when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="text"/> is a valid time of at most <see cref="Max"/>.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryParseMilliseconds(text, out double milliseconds) || milliseconds > Max.TotalMilliseconds)
        {
            return false;
        }
        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> into milliseconds without an upper bound, so a caller can name its own bounds
    /// in its message ("must be between 10ms and 1 day (got 90000s)").
    /// </summary>
    /// <param name="text">The option's value.</param>
    /// <param name="milliseconds">The time in milliseconds, when the result is <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="text"/> is a number with an optional unit.</returns>
    public static bool TryParseMilliseconds(string? text, out double milliseconds)
    {
        milliseconds = 0;
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int numberEnd = 0;
        while (numberEnd < span.Length && (char.IsAsciiDigit(span[numberEnd]) || span[numberEnd] == '.'))
        {
            numberEnd++;
        }
        if (numberEnd == 0 ||
            !double.TryParse(span[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }
        milliseconds = span[numberEnd..].Trim() switch
        {
            "" or "ms" => number,
            "s" => number * 1000,
            "m" or "min" => number * 60_000,
            _ => double.NaN,
        };
        return !double.IsNaN(milliseconds) && !double.IsInfinity(milliseconds);
    }

    /// <summary>
    /// A System.CommandLine custom parser for option <paramref name="optionName"/>: the parsed time, or a one-line
    /// error naming the input and the accepted forms.
    /// </summary>
    /// <param name="optionName">The option as the user types it, e.g. <c>--delay</c>.</param>
    public static Func<ArgumentResult, TimeSpan> For(string optionName) => result =>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out TimeSpan value))
        {
            return value;
        }
        result.AddError($"'{text}' is not a time for {optionName}. Use milliseconds (250) or a number with a unit: 500ms, 1.5s, 2m.");
        return TimeSpan.Zero;
    };

    /// <summary>Formats a time the way the options accept it: <c>500 ms</c>, <c>1.5 s</c>.</summary>
    public static string Format(TimeSpan value) => value < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###} s");
}
