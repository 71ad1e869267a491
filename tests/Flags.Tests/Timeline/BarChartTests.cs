using Flags.Timeline.Drawing;

namespace Flags.Tests.Timeline;

public class BarChartTests
{
    [Fact]
    public void Render_GroupsAndSeries_OneBarPerValueWithItsSeriesClass()
    {
        // Arrange
        var chart = new BarChart
        {
            Title = "CPU-bound demo",
            Series = ["Sequential", "ThreadPool", "ProcessPool"],
            Groups =
            [
                new BarGroup("primes", [0.83, 0.433, 0.45]) { Notes = [null, "1.92x", "1.85x"] },
                new BarGroup("sha256", [0.066, null, 0.041]),
            ],
        };

        // Act
        var document = SvgChart.Parse(chart.Render());

        // Assert: a missing value draws no bar; each bar's width is proportional to its value.
        var bars = SvgChart.Groups(document, "bar").Select(g => (
            Value: double.Parse(g.Attribute("data-value")!.Value, System.Globalization.CultureInfo.InvariantCulture),
            Rect: g.Elements().Single(e => e.Name.LocalName == "rect"))).ToList();
        Assert.Equal([0.83, 0.433, 0.45, 0.066, 0.041], bars.Select(b => b.Value));
        Assert.Equal(["s0", "s1", "s2", "s0", "s2"], bars.Select(b => b.Rect.Attribute("class")!.Value));
        var perUnit = bars.Select(b => double.Parse(b.Rect.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture) / b.Value).ToList();
        Assert.All(perUnit, p => Assert.Equal(perUnit[0], p, perUnit[0] * 0.02));
        Assert.Contains("1.92x", document.ToString(), StringComparison.Ordinal);
    }
}
