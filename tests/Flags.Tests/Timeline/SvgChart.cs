using System.Globalization;
using System.Xml.Linq;

namespace Flags.Tests.Timeline;

/// <summary>Reads a chart back from its SVG text: the lanes, and each bar's lane, times, classes and phase rectangles.</summary>
internal static class SvgChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the text as XML (throws if it is not) and checks it is an SVG document.</summary>
    public static XDocument Parse(string text)
    {
        var document = XDocument.Parse(text);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        return document;
    }

    public static int Lanes(XDocument document) =>
        int.Parse(Groups(document, "lanes").Single().Attribute("data-count")!.Value, CultureInfo.InvariantCulture);

    public static List<SvgBar> Bars(XDocument document) =>
        [.. Groups(document, "bar").Select(g => new SvgBar(
            (int)Number(g, "data-lane"),
            Number(g, "data-t0"),
            Number(g, "data-t1"),
            g.Attribute("class")!.Value.Split(' '),
            g.Attribute("data-job") is { } job ? int.Parse(job.Value, CultureInfo.InvariantCulture) : 0,
            g.Attribute("data-try") is { } attempt ? int.Parse(attempt.Value, CultureInfo.InvariantCulture) : 0,
            [.. g.Elements(Svg + "rect").Select(r => new SvgRect(Number(r, "x"), Number(r, "width"), r.Attribute("class")!.Value))],
            g.Elements(Svg + "text").Select(t => t.Value).FirstOrDefault(),
            g.Element(Svg + "title")?.Value))];

    public static IEnumerable<XElement> Groups(XDocument document, string cssClass) =>
        document.Descendants(Svg + "g").Where(g => g.Attribute("class")?.Value.Split(' ').Contains(cssClass) == true);

    public static (int Width, int Height) DeclaredSize(XDocument document) =>
        ((int)Number(document.Root!, "width"), (int)Number(document.Root!, "height"));

    private static double Number(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}

internal sealed record SvgBar(int Lane, double T0, double T1, string[] Classes, int Job, int Try, IReadOnlyList<SvgRect> Rects, string? Label, string? Tooltip)
{
    public string Outcome => Classes.Single(c => c is "ok" or "notfound" or "error" or "retried");
}

internal sealed record SvgRect(double X, double Width, string Class);
