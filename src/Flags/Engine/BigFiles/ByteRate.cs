using System.Globalization;
using Flags.Reporting;

namespace Flags.Engine.BigFiles;

/// <summary>
/// A rate as <c>--limit-rate</c> takes it, as curl and wget write it: bytes per second, with an optional binary suffix
/// (<c>k</c> = 1024, <c>M</c>, <c>G</c>) and decimals (<c>1.5M</c>).
/// </summary>
internal static class ByteRate
{
    /// <summary>The smallest rate accepted: below it one buffer would take more than 16 seconds.</summary>
    public const long Min = 1024;

    /// <summary>The largest rate accepted (beyond any link; a typo, not a limit).</summary>
    public const long Max = 100L << 30;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, naming <paramref name="option"/>.</summary>
    public static bool TryParse(string option, string text, out long bytesPerSecond, out string? problem)
    {
        bytesPerSecond = 0;
        problem = null;
        var trimmed = text.Trim();
        var shift = trimmed.Length == 0 ? 0 : char.ToUpperInvariant(trimmed[^1]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            _ => 0,
        };
        var number = shift == 0 ? trimmed : trimmed[..^1];
        if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c == '.')
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            problem = $"'{TerminalText.Safe(text)}' is not a rate for {option}. Write bytes per second with an optional k, M or G: 500k, 10M, 1.5M.";
            return false;
        }

        var bytes = value * Math.Pow(2, shift);
        if (bytes < Min || bytes > Max)
        {
            problem = $"{option} must be between 1k and 100G (got {TerminalText.Safe(text)}).";
            return false;
        }

        bytesPerSecond = (long)bytes;
        return true;
    }

    /// <summary>A size or rate for people: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.3 MiB</c>, <c>1.00 GiB</c>.</summary>
    public static string Size(double bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024 * 1024):0.00} GiB"),
    };
}
