using System.Globalization;
using System.Text;

namespace Flags.Reporting;

/// <summary>
/// Makes text from the user or the network safe to print on a terminal: control and format characters are escaped
/// (ESC becomes <c>\x1b</c>, so no colour, title or cursor sequence reaches the terminal; a NUL becomes <c>\x00</c>),
/// values are cut to <see cref="MaxLength"/> characters with an ellipsis, and the userinfo of URLs is masked as
/// <c>user:***@</c>. JSON output does not use it: it keeps the full values, escaped by the JSON writer.
/// </summary>
internal static class TerminalText
{
    /// <summary>The most characters of one value that are printed; longer values end in an ellipsis.</summary>
    public const int MaxLength = 200;

    /// <summary><paramref name="value"/> escaped and cut to <see cref="MaxLength"/> characters.</summary>
    public static string Safe(string? value) => Escape(value, MaxLength);

    /// <summary>A URL with its userinfo masked (<c>user:***@</c>), then escaped and cut.</summary>
    public static string Url(Uri url) => Url(url.AbsoluteUri);

    /// <summary>
    /// <paramref name="text"/> (a URL, a list line or a message holding URLs) with every URL's userinfo masked, then
    /// escaped and cut.
    /// </summary>
    public static string Url(string? text) => Safe(MaskUserInfo(text));

    /// <summary>
    /// A whole line built from already safe parts and messages that may quote input (e.g. a parser's error): escaped,
    /// with userinfo masked, and cut to a few times <see cref="MaxLength"/> so one line stays readable.
    /// </summary>
    public static string Line(string? line) => Escape(MaskUserInfo(line), 4 * MaxLength);

    /// <summary>Replaces the userinfo of every <c>scheme://user:password@</c> in <paramref name="text"/> with <c>user:***@</c>.</summary>
    public static string MaskUserInfo(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("://", StringComparison.Ordinal) || !text.Contains('@', StringComparison.Ordinal))
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        int scheme;
        while ((scheme = text.IndexOf("://", position, StringComparison.Ordinal)) >= 0)
        {
            var start = scheme + 3;
            var end = start;
            while (end < text.Length && text[end] is not ('/' or '?' or '#' or '@') && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            builder.Append(text, position, start - position);
            if (end < text.Length && text[end] == '@')
            {
                // Everything before '@' is userinfo: keep the user name, hide the password (or a lone token).
                var colon = text.IndexOf(':', start, end - start);
                builder.Append(colon >= 0 ? text[start..colon] + ":***@" : "***@");
                position = end + 1;
            }
            else
            {
                position = start;
            }
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    private static string Escape(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Length <= maxLength && !NeedsEscape(value))
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        var shown = 0;
        foreach (var c in value)
        {
            if (shown >= maxLength)
            {
                builder.Append('…');
                break;
            }

            if (IsUnsafe(c))
            {
                builder.Append(c <= '\xff'
                    ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
            }
            else
            {
                builder.Append(c);
            }

            shown++;
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    // Cc (C0, DEL, C1) moves the cursor or starts sequences; Cf holds the bidirectional overrides that reorder a line;
    // lone surrogates and the line/paragraph separators break lines where none is printed.
    private static bool IsUnsafe(char c) => (c < ' ' || c >= '\x7f')
        && (c < ' ' || c <= '\x9f' || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
