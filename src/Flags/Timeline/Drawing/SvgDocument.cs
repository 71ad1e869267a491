using System.Globalization;
using System.Text;

namespace Flags.Timeline.Drawing;

/// <summary>
/// Writes one self-contained SVG document as text: no reflection, no fonts or scripts from outside (generic font
/// families only), so it stays AOT-safe and any browser or librsvg opens it. Numbers are written with the invariant
/// culture and two decimals, text is escaped for XML and control characters never reach the file.
/// </summary>
internal sealed class SvgDocument
{
    private readonly StringBuilder _text = new(64 * 1024);
    private int _depth;

    /// <summary>Starts a document of <paramref name="width"/> x <paramref name="height"/> pixels on a white background.</summary>
    /// <param name="width">The width in pixels (also the view box width).</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="title">The document's title, shown by browsers as a tooltip.</param>
    /// <param name="css">The style sheet; <see cref="ChartStyle.Base"/> is prepended.</param>
    public SvgDocument(double width, double height, string title, string css)
    {
        Width = width;
        Height = height;
        _text.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\">\n");
        _text.Append("<title>").Append(Escape(title)).Append("</title>\n");
        _text.Append("<style>").Append(ChartStyle.Base).Append(css).Append("</style>\n");
        Rect(0, 0, width, height, "background");
    }

    /// <summary>The document's width in pixels.</summary>
    public double Width { get; }

    /// <summary>The document's height in pixels.</summary>
    public double Height { get; }

    /// <summary>Opens a <c>g</c> element; <paramref name="attributes"/> is written as it is (build it with <see cref="Attribute(string, string)"/>).</summary>
    public void BeginGroup(string cssClass, string attributes = "", string? tooltip = null)
    {
        _text.Append("<g class=\"").Append(cssClass).Append('"').Append(attributes).Append(">\n");
        if (tooltip is not null)
        {
            _text.Append("<title>").Append(Escape(tooltip)).Append("</title>\n");
        }

        _depth++;
    }

    /// <summary>Closes the innermost open group.</summary>
    public void EndGroup()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("EndGroup() without a matching BeginGroup().");
        }

        _depth--;
        _text.Append("</g>\n");
    }

    /// <summary>A rectangle; <paramref name="tooltip"/> becomes its <c>title</c> child.</summary>
    public void Rect(double x, double y, double width, double height, string cssClass, string? tooltip = null)
    {
        _text.Append(CultureInfo.InvariantCulture,
            $"<rect class=\"{cssClass}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(0, width):0.##}\" height=\"{Math.Max(0, height):0.##}\"");
        if (tooltip is null)
        {
            _text.Append("/>\n");
        }
        else
        {
            _text.Append("><title>").Append(Escape(tooltip)).Append("</title></rect>\n");
        }
    }

    /// <summary>A straight line.</summary>
    public void Line(double x1, double y1, double x2, double y2, string cssClass) =>
        _text.Append(CultureInfo.InvariantCulture,
            $"<line class=\"{cssClass}\" x1=\"{x1:0.##}\" y1=\"{y1:0.##}\" x2=\"{x2:0.##}\" y2=\"{y2:0.##}\"/>\n");

    /// <summary>A path (<paramref name="data"/> is SVG path data, written as it is).</summary>
    public void Path(string data, string cssClass) =>
        _text.Append("<path class=\"").Append(cssClass).Append("\" d=\"").Append(data).Append("\"/>\n");

    /// <summary>Text anchored at (<paramref name="x"/>, <paramref name="y"/>): start, middle or end.</summary>
    public void Text(double x, double y, string text, string cssClass, string anchor = "start") =>
        _text.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{x:0.##}\" y=\"{y:0.##}\" text-anchor=\"{anchor}\">")
            .Append(Escape(text)).Append("</text>\n");

    /// <summary>Closes the document and returns its text.</summary>
    public override string ToString()
    {
        if (_depth != 0)
        {
            throw new InvalidOperationException($"{_depth} group(s) are still open.");
        }

        return _text + "</svg>\n";
    }

    /// <summary>One attribute, leading space included, with its value escaped: <c> name="value"</c>.</summary>
    public static string Attribute(string name, string value) => $" {name}=\"{Escape(value)}\"";

    /// <summary>One numeric attribute with up to six decimals (exact enough for timestamps in seconds).</summary>
    public static string Attribute(string name, double value) =>
        string.Create(CultureInfo.InvariantCulture, $" {name}=\"{value:0.######}\"");

    /// <summary>
    /// Escapes <paramref name="text"/> for XML content and attribute values. Characters XML cannot hold (controls,
    /// lone surrogates) become U+FFFD, so text from the network never breaks or smuggles markup into the file.
    /// </summary>
    public static string Escape(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (c is '<' or '>' or '&' or '"' or '\'' || c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        escaped.Append(c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>
    /// About how wide <paramref name="text"/> is at <paramref name="fontSize"/> pixels in a generic sans-serif font
    /// (0.6 em a character, generous for digits and capitals), to decide whether a label fits.
    /// </summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.6;
}
