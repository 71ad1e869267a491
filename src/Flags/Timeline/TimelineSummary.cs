using System.Globalization;
using Flags.Timeline.Drawing;

namespace Flags.Timeline;

/// <summary>The counts under a timeline: downloads by outcome, retried tries, peak in flight, elapsed.</summary>
internal static class TimelineSummary
{
    /// <summary>One line, e.g. "194 downloads: 190 ok, 2 not found, 2 errors · 12 retried tries · peak 30 in flight · 3.61 s".</summary>
    public static string Line(IReadOnlyList<TimelineJob> jobs, int lanes)
    {
        int ok = 0, notFound = 0, errors = 0, retried = 0;
        var end = 0.0;
        foreach (var job in jobs)
        {
            switch (job.Outcome)
            {
                case TryOutcome.Ok: ok++; break;
                case TryOutcome.NotFound: notFound++; break;
                default: errors++; break;
            }

            for (var i = 0; i < job.Tries.Count; i++)
            {
                retried += job.ClassOf(i) == "retried" ? 1 : 0;
            }

            end = Math.Max(end, job.End);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Plural(jobs.Count, "download")}: {ok:#,0} ok, {notFound:#,0} not found, {Plural(errors, "error")} · {Plural(retried, "retried try", "retried tries")} · peak {lanes} in flight · {AxisTicks.Duration(end)}");
    }

    private static string Plural(int n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:#,0} {(n == 1 ? one : many ?? one + "s")}");
}
