using Flags.Timeline;

namespace Flags.Tests.Timeline;

/// <summary>
/// A made-up run with a fixed seed: <c>slots</c> workers take jobs in turn, each job has 1-3 tries with random phase
/// lengths, failed tries sometimes stop before the headers or the body's end (missing stamps), and the last try ends
/// ok, not found or in error. Timestamps are microseconds.
/// </summary>
internal static class SeededTimeline
{
    public const double TicksPerSecond = 1_000_000;

    public static RecordedTimeline Make(int seed, int jobs, int slots)
    {
        var random = new Random(seed);
        var free = new long[slots];
        for (var s = 0; s < slots; s++)
        {
            free[s] = 1_000 + random.Next(0, 5_000);
        }

        var entries = new List<TimelineEntry>();
        for (var job = 1; job <= jobs; job++)
        {
            var slot = Array.IndexOf(free, free.Min());
            var queued = Math.Max(1_000, free[slot] - random.Next(0, 20_000));
            var now = free[slot] + random.Next(0, 300);
            var tries = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
            var final = random.Next(10) switch { < 7 => TryOutcome.Ok, < 9 => TryOutcome.NotFound, _ => TryOutcome.Error };
            for (var attempt = 1; attempt <= tries; attempt++)
            {
                var last = attempt == tries;
                var stamps = new TryStamps { Queued = queued, Started = now };
                if (random.Next(4) == 0)
                {
                    stamps.ConnectStart = now += random.Next(0, 200);
                    stamps.ConnectEnd = now += random.Next(100, 3_000);
                }

                var stopsAt = last ? 9 : random.Next(3); // a failed try may end before the headers (0), the body's end (1), or after (2)
                if (stopsAt >= 1)
                {
                    stamps.FirstByte = now += random.Next(1_000, 600_000);
                }

                if (stopsAt >= 2 && (last ? final == TryOutcome.Ok : true))
                {
                    stamps.BodyEnd = now += random.Next(10, 20_000);
                }

                stamps.Ended = now += random.Next(stopsAt == 0 ? 1_000 : 10, stopsAt == 0 ? 200_000 : 2_000);
                var outcome = last ? final : TryOutcome.Error;
                entries.Add(new TimelineEntry(job, attempt, Code(job), outcome, outcome == TryOutcome.Error ? "HTTP 503" : null, stamps));
                queued = now;
                now += random.Next(5_000, 60_000); // backoff
            }

            free[slot] = entries[^1].Stamps.Ended;
        }

        // Recorded in completion order, as a real recorder sees them.
        return new RecordedTimeline([.. entries.OrderBy(e => e.Stamps.Ended)], 0, TicksPerSecond);
    }

    /// <summary>A two-letter name for job <paramref name="job"/>: AA, AB, ...</summary>
    public static string Code(int job) => $"{(char)('A' + ((job - 1) / 26 % 26))}{(char)('A' + ((job - 1) % 26))}{(job > 676 ? job.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";

    /// <summary>The most jobs in flight at once (first try's start to last try's end), by a sweep independent of the lane assignment.</summary>
    public static int PeakInFlight(RecordedTimeline timeline)
    {
        var spans = timeline.Entries.GroupBy(e => e.Job)
            .Select(g => (Start: g.Min(e => e.Stamps.Started), End: g.Max(e => e.Stamps.Ended)));
        var events = spans.SelectMany(s => new[] { (s.Start, 1), (s.End, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2);
        int current = 0, peak = 0;
        foreach (var (_, delta) in events)
        {
            current += delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }
}
