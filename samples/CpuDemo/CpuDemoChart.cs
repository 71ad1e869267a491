using System.Globalization;
using Flags.Timeline.Drawing;

namespace CpuDemo;

/// <summary>The demo's table as a bar chart: per workload, sequential, thread pool and process pool side by side.</summary>
internal static class CpuDemoChart
{
    /// <summary>The SVG for <paramref name="rows"/>, each a workload's times in the order sequential, thread pool, process pool.</summary>
    public static string Render(int workers, int repeat, bool small, IReadOnlyList<(string Name, TimeSpan[] Times)> rows) =>
        new BarChart
        {
            Title = $"CPU-bound demo{(small ? " (small workload)" : "")}: sequential vs {workers} threads vs {workers} processes",
            Subtitle = $"Best of {repeat} runs each on {Environment.ProcessorCount} cores{LoadAverage()}; pools warmed up first. Shorter is faster; the label gives the speed-up.",
            Series = ["Sequential", "ThreadPoolExecutor", "ProcessPoolExecutor"],
            Groups = [.. rows.Select(row => new BarGroup(row.Name, [.. row.Times.Select(t => (double?)t.TotalSeconds)])
            {
                Notes = [null, SpeedUp(row.Times[0], row.Times[1]), SpeedUp(row.Times[0], row.Times[2])],
            })],
            Format = AxisTicks.Duration,
            AxisCaption = "time (shorter is faster)",
        }.Render();

    // Other work on the machine takes cores from the pools; the chart says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $" (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})" : "";

    private static string SpeedUp(TimeSpan baseline, TimeSpan time) =>
        (baseline / time).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
