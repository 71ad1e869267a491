using System.Globalization;
using Flags.Timeline.Drawing;

namespace Loiter;

/// <summary>
/// Collects the demo's timeline from the very stamps it prints (so picture and text agree) and draws it: a lane per
/// worker thread in the order the workers first ran, a bar per loiter(n) call, and markers for the results.
/// </summary>
internal sealed class LoiterPicture(DateTimeOffset origin, TimeSpan unit)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _lanes = [];
    private readonly List<LaneBar> _bars = [];
    private readonly List<AxisMarker> _results = [];

    /// <summary>loiter(<paramref name="n"/>) ran on the current thread from <paramref name="started"/> to <paramref name="done"/>.</summary>
    public void Ran(int n, DateTimeOffset started, DateTimeOffset done)
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (!_lanes.TryGetValue(thread, out var lane))
            {
                lane = _lanes.Count;
                _lanes.Add(thread, lane);
            }

            var (t0, t1) = (Seconds(started), Seconds(done));
            _bars.Add(new LaneBar(lane, t0, t1, "task", $"loiter({n})", $"loiter({n}): {Format(t0)} to {Format(t1)}, returned {n * 10}")
            {
                Attributes = SvgDocument.Attribute("data-task", n.ToString(CultureInfo.InvariantCulture)),
            });
        }
    }

    /// <summary>Map handed result <paramref name="index"/> back at <paramref name="at"/>.</summary>
    public void ResultHandedBack(int index, DateTimeOffset at)
    {
        lock (_gate)
        {
            _results.Add(new AxisMarker(Seconds(at), $"result {index}", $"result {index} handed back at {Format(Seconds(at))}"));
        }
    }

    /// <summary>The SVG picture.</summary>
    public string Render()
    {
        lock (_gate)
        {
            var units = unit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new LaneChart
            {
                Title = "Executor.Map(loiter, 0..4) on ThreadPoolExecutor(maxWorkers: 3)",
                Subtitle = $"loiter(n) does nothing for n units of {units} s; time from \"Script starting.\"",
                LaneCount = _lanes.Count,
                LaneName = static i => $"worker {i + 1}",
                LaneHeight = 40,
                Width = 1000,
                Bars = [.. _bars],
                Markers = [.. _results],
                MarkerCaption = "Map →",
                Legend = [new LegendEntry("task", "loiter(n) running"), new LegendEntry("marker-head", "result handed back by Map")],
                Summary =
                [
                    $"{_bars.Count} calls on {_lanes.Count} workers: the work overlaps, yet Map hands the results back in input order,",
                    "each as soon as it and every earlier one are done.",
                    "Where each ran: " + string.Join(" · ", _bars.GroupBy(b => b.Lane).OrderBy(g => g.Key)
                        .Select(g => $"worker {g.Key + 1}: {string.Join(", ", g.OrderBy(b => b.Start).Select(b => b.Label))}")),
                ],
                Css = ".task{fill:#4e79a7}.bar .label{fill:#fff;font-size:12px}",
            }.Render();
        }
    }

    private double Seconds(DateTimeOffset at) => (at - origin).TotalSeconds;

    private static string Format(double seconds) => seconds.ToString("0.000 s", CultureInfo.InvariantCulture);
}
