using System.CommandLine.Parsing;
using System.Globalization;
using Flags.Server;

namespace Flags.Serve;

/// <summary>
/// Turns the text of <c>flags serve</c>'s options into values. Only the syntax is checked here; ranges and
/// whether a folder exists are <see cref="FlagServerOptions.Validate()"/>'s job, so each rule is written once.
/// </summary>
internal static class ServeParsers
{
    public static ServerMode Mode(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (Enum.TryParse(text, ignoreCase: true, out ServerMode mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _))
        {
            return mode;
        }
        result.AddError($"'{text}' is not a server mode for --mode. Use local, delay or error.");
        return default;
    }

    /// <summary>Any whole number (Validate says when it is out of range), so the range is stated once.</summary>
    public static int? Port(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }
        result.AddError(OptionProblems.NotPort(text, ServeOptionNames.Port));
        return null;
    }

    public static int? Seed(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }
        result.AddError($"'{text}' is not a seed for --seed. Use a whole number, e.g. 42.");
        return null;
    }

    public static double? ErrorRate(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }
        result.AddError(OptionProblems.NotProbability(text, ServeOptionNames.ErrorRate));
        return null;
    }

    public static FaultKind[] Faults(ArgumentResult result)
    {
        var kinds = new List<FaultKind>();
        foreach (string text in result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!FaultKindNames.TryParse(text, out FaultKind kind))
            {
                result.AddError($"'{text}' is not a fault kind for --faults. Use some of: {FaultKindNames.Listing}.");
                return [];
            }
            kinds.Add(kind);
        }
        if (kinds.Count == 0)
        {
            result.AddError($"--faults needs at least one kind: {FaultKindNames.Listing}.");
        }
        return [.. kinds.Distinct()];
    }

    private static string SingleToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
