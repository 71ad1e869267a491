using BenchmarkDotNet.Attributes;
using Flags.Timeline;

namespace Timeline.Benchmarks;

/// <summary>Drawing a recorded run: 10,000 downloads (aggregate charts), and 676 and 10,000 drawn as lanes and bars.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private RecordedTimeline _tenThousand = null!;
    private RecordedTimeline _every = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tenThousand = Synthetic(10_000, slots: 64);
        _every = Synthetic(676, slots: 30);
    }

    [Benchmark]
    public int Aggregate10000() => TimelineSvg.Render(_tenThousand).Length;

    [Benchmark]
    public int Lanes676() => TimelineSvg.Render(_every).Length;

    [Benchmark]
    public int Lanes10000() => TimelineSvg.Render(_tenThousand, new TimelineSvgOptions { AggregateAbove = int.MaxValue }).Length;

    // Slots take jobs in turn; about one in eight tries fails and is retried after a backoff. Microsecond ticks.
    private static RecordedTimeline Synthetic(int jobs, int slots)
    {
        var random = new Random(12345);
        var free = new long[slots];
        var entries = new List<TimelineEntry>(jobs * 2);
        for (var job = 1; job <= jobs; job++)
        {
            var slot = job % slots;
            var now = free[slot] + random.Next(50);
            for (var attempt = 1; ; attempt++)
            {
                var failed = attempt < 3 && random.Next(8) == 0;
                var stamps = new TryStamps { Queued = now, Started = now, FirstByte = now + random.Next(200, 5_000) };
                stamps.BodyEnd = stamps.FirstByte + random.Next(10, 500);
                stamps.Ended = stamps.BodyEnd + random.Next(5, 100);
                entries.Add(new TimelineEntry(job, attempt, $"f{job}.bin", failed ? TryOutcome.Error : job % 5 == 0 ? TryOutcome.NotFound : TryOutcome.Ok, failed ? "HTTP 503" : null, stamps));
                now = stamps.Ended + (failed ? random.Next(1_000, 3_000) : 0);
                if (!failed)
                {
                    break;
                }
            }

            free[slot] = now;
        }

        return new RecordedTimeline(entries, 0, 1_000_000);
    }
}
