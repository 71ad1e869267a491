using Flags.Timeline;
using Flags.Timeline.Drawing;

namespace Flags.Tests.Timeline;

/// <summary>Every kind of picture through a real SVG renderer: it must draw, at the declared size, and not blank.</summary>
public class RenderingTests
{
    public static TheoryData<string> Pictures => new() { "lanes-20", "lanes-676", "aggregate-10000", "bars" };

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Pictures))]
    public async Task RsvgConvert_Picture_GivesNonBlankPngOfTheDeclaredSize(string picture)
    {
        // Arrange
        var svg = picture switch
        {
            "lanes-20" => TimelineSvg.Render(SeededTimeline.Make(seed: 20, jobs: 20, slots: 20)),
            "lanes-676" => TimelineSvg.Render(SeededTimeline.Make(seed: 676, jobs: 676, slots: 30)),
            "aggregate-10000" => TimelineSvg.Render(SeededTimeline.Make(seed: 10_000, jobs: 10_000, slots: 64)),
            _ => new BarChart
            {
                Title = "CPU-bound demo",
                Series = ["Sequential", "ThreadPool", "ProcessPool"],
                Groups = [new BarGroup("primes", [0.83, 0.433, 0.45]), new BarGroup("sha256", [0.066, 0.03, 0.041])],
                Format = AxisTicks.Duration,
            }.Render(),
        };
        await KeptPictures.KeepAsync($"seeded-{picture}.svg", svg);
        var declared = SvgChart.DeclaredSize(SvgChart.Parse(svg));

        // Act
        var png = await Rsvg.RenderAsync(svg);

        // Assert
        Assert.Equal(declared, (png.Width, png.Height));
        Assert.True(png.DistinctColors() > 8, $"The {picture} picture is (nearly) blank: {png.DistinctColors()} colours.");
    }
}
