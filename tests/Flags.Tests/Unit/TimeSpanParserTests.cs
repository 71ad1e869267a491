using Flags.Cli;

namespace Flags.Tests.Unit;

public class TimeSpanParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250", 250)]
    [InlineData("2m", 120_000)]
    [InlineData(" 3s ", 3000)]
    public void TryParse_ValidText_ReturnsDuration(string text, double milliseconds)
    {
        // Act
        var ok = TimeSpanParser.TryParse(text, out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("1h")]
    [InlineData("s")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        // Act
        var ok = TimeSpanParser.TryParse(text, out _);

        // Assert
        Assert.False(ok);
    }
}
