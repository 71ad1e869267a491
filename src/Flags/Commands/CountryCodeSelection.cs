using Flags.Reporting;
using Flags.Cli;
namespace Flags.Commands;

/// <summary>Turns the CC arguments (or -e, or the POP20 default) into the sorted list of codes to fetch.</summary>
internal static class CountryCodeSelection
{
    /// <summary>The 20 most populous countries, in population order (the reference's POP20).</summary>
    public static IReadOnlyList<string> Pop20 { get; } =
        ["CN", "IN", "US", "ID", "BR", "PK", "NG", "BD", "RU", "JP", "MX", "PH", "VN", "ET", "EG", "DE", "IR", "TR", "CD", "FR"];

    /// <summary>Every two-letter code AA..ZZ (676), for -e.</summary>
    public static IReadOnlyList<string> Every()
    {
        var codes = new List<string>(26 * 26);
        for (var first = 'A'; first <= 'Z'; first++)
        {
            codes.AddRange(Range(first));
        }

        return codes;
    }

    /// <summary>
    /// The error line for an argument that is neither one letter nor two, or null if it is fine. A word like
    /// <c>-x</c> only gets here after <c>--</c> (before it, FlagsApp reports an unknown option), so it is a code too.
    /// </summary>
    public static string? Validate(string argument) =>
        argument.Length is 1 or 2 && argument.All(char.IsAsciiLetter) ? null
        : $"'{TerminalText.Safe(argument)}' is not a country code. Use two letters A-Z (BR) or one letter for a whole range (B = BA..BZ).";

    /// <summary>Expands arguments (case-insensitive; one letter = its 26 codes) into codes, not yet sorted.</summary>
    /// <exception cref="UsageException">An argument is not one or two letters.</exception>
    public static IEnumerable<string> Expand(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (Validate(argument) is { } error)
            {
                throw new UsageException(error);
            }

            var upper = argument.ToUpperInvariant();
            if (upper.Length == 1)
            {
                foreach (var code in Range(upper[0]))
                {
                    yield return code;
                }
            }
            else
            {
                yield return upper;
            }
        }
    }

    /// <summary>Sorts and de-duplicates <paramref name="codes"/>, then keeps the first <paramref name="limit"/> if given.</summary>
    public static IReadOnlyList<string> SortAndLimit(IEnumerable<string> codes, int? limit)
    {
        var sorted = codes.Select(c => c.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal);
        return (limit is { } n ? sorted.Take(n) : sorted).ToList();
    }

    private static IEnumerable<string> Range(char first)
    {
        for (var second = 'A'; second <= 'Z'; second++)
        {
            yield return string.Concat(first, second);
        }
    }
}
