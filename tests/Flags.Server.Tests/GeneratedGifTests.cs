using Flags.Server.Content;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class GeneratedGifTests
{
    [Fact]
    public void Paint_EveryCode_WellFormedGifOf1To30KB()
    {
        // Arrange
        var sizes = new List<int>();

        foreach (string code in CountryCodes.All)
        {
            // Act
            byte[] gif = FlagArtist.Paint(code);
            GifImage image = GifReader.Read(gif);

            // Assert
            Assert.Equal("GIF89a", image.Version);
            Assert.InRange(image.Width, 200, 610);
            Assert.InRange(image.Height, 200, 400);
            Assert.Equal(image.Width * image.Height, image.Pixels.Length);
            Assert.Equal(0x3B, gif[^1]);
            Assert.InRange(gif.Length, 1024, 30 * 1024);
            sizes.Add(gif.Length);
        }
        Assert.True(sizes.Distinct().Count() > 150, "Flags should differ in size as real ones do.");
    }

    [Fact]
    public void Paint_SameCodeTwice_SameBytes()
    {
        // Arrange
        string code = "BR";

        // Act
        byte[] first = FlagArtist.Paint(code);
        byte[] second = FlagArtist.Paint(code.ToLowerInvariant());

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Paint_DifferentCodes_DifferentImages()
    {
        // Arrange
        string[] codes = ["BR", "US", "JP", "CN", "IN"];

        // Act
        var images = codes.Select(c => Convert.ToHexString(FlagArtist.Paint(c))).ToHashSet();

        // Assert
        Assert.Equal(codes.Length, images.Count);
    }

    [Theory]
    [InlineData(1, 1, 2, 1)]
    [InlineData(7, 3, 4, 2)]
    [InlineData(300, 200, 16, 3)]
    [InlineData(640, 480, 256, 4)]
    public void Encode_RandomPixels_DecodesToSamePixels(int width, int height, int colors, int seed)
    {
        // Arrange: random pixels exercise every code width and table resets, which flat images never reach.
        var random = new Random(seed);
        var palette = new byte[colors * 3];
        random.NextBytes(palette);
        var pixels = new byte[width * height];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)random.Next(colors);
        }

        // Act
        GifImage image = GifReader.Read(GifEncoder.Encode(width, height, palette, pixels));

        // Assert
        Assert.Equal((width, height, colors), (image.Width, image.Height, image.ColorCount));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Encode_LongRuns_DecodesToSamePixels()
    {
        // Arrange: one color for 100,000 pixels then a stripe pattern, filling the table with long strings.
        var pixels = new byte[500 * 400];
        for (int i = 100_000; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i / 37) % 4);
        }

        // Act
        GifImage image = GifReader.Read(GifEncoder.Encode(500, 400, new byte[4 * 3], pixels));

        // Assert
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Encode_IndexOutsidePalette_ThrowsArgumentException()
    {
        // Arrange
        byte[] pixels = [0, 1, 2, 3];

        // Act
        var error = Assert.Throws<ArgumentException>(() => GifEncoder.Encode(2, 2, new byte[2 * 3], pixels));

        // Assert
        Assert.Contains("outside", error.Message, StringComparison.Ordinal);
    }
}
