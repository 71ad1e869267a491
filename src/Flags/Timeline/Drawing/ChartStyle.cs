namespace Flags.Timeline.Drawing;

/// <summary>The style sheet every chart shares: generic font families, quiet axes, one palette.</summary>
internal static class ChartStyle
{
    /// <summary>Base rules: background, text, titles, axes, grid, legend.</summary>
    public const string Base =
        "text{font-family:sans-serif;font-size:12px;fill:#222}" +
        ".background{fill:#fff}" +
        ".title{font-size:17px;font-weight:bold}" +
        ".subtitle{font-size:12px;fill:#555}" +
        ".summary{font-size:13px}" +
        ".tick{font-size:11px;fill:#555}" +
        ".mono{font-family:monospace}" +
        ".axis{stroke:#777;stroke-width:1}" +
        ".grid{stroke:#e8e8e8;stroke-width:1}" +
        ".legend{font-size:12px}" +
        ".lane-label{font-size:11px;fill:#666}" +
        ".lane-odd{fill:#f7f7f9}" +
        ".label{font-size:10px;fill:#14211a;pointer-events:none}" +
        ".label-dark{font-size:10px;fill:#222}" +
        ".value{font-size:11px;fill:#333}" +
        ".marker-guide{stroke:#6a3d9a;stroke-width:1;stroke-opacity:.35;stroke-dasharray:4 3}" +
        ".marker-head{fill:#6a3d9a}" +
        ".marker-label{font-size:11px;fill:#6a3d9a}" +
        ".lead{stroke:#9aa3ad;stroke-width:1;stroke-dasharray:2 2}";

    /// <summary>Series colours for bar charts, in order: readable on white and distinct for common colour blindness.</summary>
    public static readonly string[] Series = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"];

    /// <summary>Rules <c>.s0</c>, <c>.s1</c>, ... filling with <see cref="Series"/>.</summary>
    public static string SeriesRules()
    {
        var rules = new System.Text.StringBuilder();
        for (var i = 0; i < Series.Length; i++)
        {
            rules.Append(".s").Append(i).Append("{fill:").Append(Series[i]).Append('}');
        }

        return rules.ToString();
    }
}
