using System.Globalization;
using System.Text;
using Flags.Timeline.Drawing;

namespace Flags.Timeline;

/// <summary>
/// The per-try picture: a lane per slot, a bar per try split into its phases (connecting, first byte, receiving,
/// saving; the wait before it as a dashed lead-in), coloured by outcome and labelled with the job's key where it fits.
/// Bar groups carry the classes <c>bar try {outcome}</c> and <c>data-job</c>, <c>data-try</c>.
/// </summary>
internal static class TimelineLaneView
{
    /// <summary>The fill of each final outcome, shared with the aggregate view.</summary>
    public const string OutcomeColors = ".ok{fill:#2e9a57}.notfound{fill:#8a94a3}.error{fill:#d43d3d}";

    private const string Css =
        OutcomeColors + ".retried{fill:#ef8c22}" +
        ".ph1{fill-opacity:.38}.ph2{fill-opacity:.66}.ph3{fill-opacity:.9}.ph4{fill-opacity:1}" +
        ".sw{fill:#555}" +
        ".lead-sw{fill:none;stroke:#9aa3ad;stroke-dasharray:2 2}";

    /// <summary>Draws <paramref name="jobs"/> in <paramref name="lanes"/> lanes.</summary>
    public static string Render(IReadOnlyList<TimelineJob> jobs, int lanes, TimelineSvgOptions options)
    {
        var bars = new List<LaneBar>(jobs.Count * 2);
        foreach (var job in jobs)
        {
            for (var i = 0; i < job.Tries.Count; i++)
            {
                bars.Add(Bar(job, i));
            }
        }

        var chart = new LaneChart
        {
            Title = options.Title,
            Subtitle = options.Subtitle,
            LaneCount = Math.Max(1, lanes),
            Bars = bars,
            Legend = Legend,
            Summary = [TimelineSummary.Line(jobs, lanes), .. options.Notes],
            Css = Css,
            Width = options.Width,
        };
        return chart.Render();
    }

    private static readonly LegendEntry[] Legend =
    [
        new("ok", "ok"), new("notfound", "not found"), new("retried", "retried try"), new("error", "error"),
        new("lead-sw", "waiting (slot, backoff)"), new("sw ph1", "connecting"), new("sw ph2", "first byte"),
        new("sw ph3", "receiving"), new("sw ph4", "saving"),
    ];

    private static LaneBar Bar(TimelineJob job, int index)
    {
        var (entry, p) = job.Tries[index];
        var outcome = job.ClassOf(index);
        var segments = new List<BarSegment>(4);
        AddSegment(segments, p.Started, p.RequestSent, "ph1");
        AddSegment(segments, p.RequestSent, p.FirstByte, "ph2");
        AddSegment(segments, p.FirstByte, p.BodyEnd, "ph3");
        AddSegment(segments, p.BodyEnd, p.Ended, "ph4");
        var label = SvgDocument.Shorten(job.Label, 24);
        return new LaneBar(job.Lane, p.Started, p.Ended, "try " + outcome, label, Tooltip(job, index, outcome))
        {
            Segments = segments,
            LeadFrom = p.Queued < p.Started ? p.Queued : null,
            Attributes = SvgDocument.Attribute("data-job", job.Number.ToString(CultureInfo.InvariantCulture))
                + SvgDocument.Attribute("data-try", entry.Try.ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static void AddSegment(List<BarSegment> segments, double start, double end, string phase)
    {
        if (end > start)
        {
            segments.Add(new BarSegment(start, end, phase));
        }
    }

    private static string Tooltip(TimelineJob job, int index, string outcome)
    {
        var (entry, p) = job.Tries[index];
        var text = new StringBuilder(160);
        text.Append(SvgDocument.Shorten(job.Label, 80)).Append(CultureInfo.InvariantCulture, $" · try {entry.Try} · {outcome}");
        if (entry.Detail is { } detail)
        {
            text.Append(" (").Append(SvgDocument.Shorten(detail, 80)).Append(')');
        }

        text.Append(CultureInfo.InvariantCulture,
            $" · {AxisTicks.Duration(p.Ended - p.Started)}: connecting {AxisTicks.Duration(p.Connecting)}, first byte {AxisTicks.Duration(p.WaitingForFirstByte)}, receiving {AxisTicks.Duration(p.Receiving)}, saving {AxisTicks.Duration(p.Saving)}");
        if (p.Waiting > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; waited {AxisTicks.Duration(p.Waiting)} before it");
        }

        return text.ToString();
    }
}
