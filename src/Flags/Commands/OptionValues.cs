using System.CommandLine;
using System.Globalization;
using Flags.Cli;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// The option kinds the commands share: whole numbers and times with their real bounds, each parsed once here, with
/// one message style: "--max-req must be at most 1000 (got 5000)", "--timeout must be between 10ms and 1 day (got 5ms)".
/// </summary>
internal static class OptionValues
{
    /// <summary>A whole-number option between <paramref name="min"/> and <paramref name="max"/>; null when not given.</summary>
    public static Option<int?> Int(string name, string? alias, int min, int max, string description)
    {
        var option = alias is null ? new Option<int?>(name) : new Option<int?>(name, alias);
        option.Description = description;
        option.HelpName = "N";
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
            var digits = text.StartsWith('-') ? text[1..] : text;
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            {
                result.AddError($"{name} needs a whole number, not '{TerminalText.Safe(text)}'.");
                return null;
            }

            // Beyond long's range is still a number, and out of bounds.
            var value = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : text.StartsWith('-') ? long.MinValue : long.MaxValue;
            if (value < min || value > max)
            {
                result.AddError(value < min
                    ? $"{name} must be at least {min} (got {TerminalText.Safe(text)})."
                    : $"{name} must be at most {max} (got {TerminalText.Safe(text)}).");
                return null;
            }

            return (int)value;
        };
        return option;
    }

    /// <summary>A time option between <paramref name="min"/> and <paramref name="max"/>; null when not given.</summary>
    public static Option<TimeSpan?> Time(string name, TimeSpan min, TimeSpan max, string description, bool hidden = false) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        Hidden = hidden,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
            if (!TimeSpanParser.TryParseMilliseconds(text, out var milliseconds))
            {
                result.AddError($"'{TerminalText.Safe(text)}' is not a time for {name}. Use milliseconds (250) or a number with a unit: 500ms, 1.5s, 2m.");
                return null;
            }

            if (milliseconds < min.TotalMilliseconds || milliseconds > max.TotalMilliseconds)
            {
                var shown = text.All(c => char.IsAsciiDigit(c) || c == '.') ? text + "ms" : text;
                result.AddError($"{name} must be between {Bound(min)} and {Bound(max)} (got {TerminalText.Safe(shown)}).");
                return null;
            }

            return TimeSpan.FromMilliseconds(milliseconds);
        },
    };

    /// <summary>A bound as the messages and the help write it: <c>10ms</c>, <c>10s</c>, <c>1 day</c>.</summary>
    public static string Bound(TimeSpan value) =>
        value == TimeSpan.FromDays(1) ? "1 day"
        : value < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.###}s");
}
