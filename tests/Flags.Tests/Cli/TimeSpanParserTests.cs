using Flags.Cli;

namespace Flags.Tests.Cli;

public class TimeSpanParserTests
{
    [Theory]
    [InlineData("250", 250)]
    [InlineData("500ms", 500)]
    [InlineData("1s", 1000)]
    [InlineData("1.5s", 1500)]
    [InlineData(" 2 s ", 2000)]
    [InlineData("0", 0)]
    [InlineData("2m", 120_000)]
    [InlineData("0.25s", 250)]
    public void TryParse_ValidTime_ReturnsMilliseconds(string text, int expectedMs)
    {
        // Arrange
        TimeSpan expected = TimeSpan.FromMilliseconds(expectedMs);

        // Act
        bool ok = TimeSpanParser.TryParse(text, out TimeSpan value);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("-1s")]
    [InlineData("1h")]
    [InlineData("1.5.5s")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("1e3")]
    [InlineData("2d")]
    [InlineData("99999999999")]
    [InlineData(null)]
    public void TryParse_InvalidTime_ReturnsFalse(string? text)
    {
        // Arrange
        string? input = text;

        // Act
        bool ok = TimeSpanParser.TryParse(input, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData(500, "500 ms")]
    [InlineData(1500, "1.5 s")]
    [InlineData(0, "0 ms")]
    public void Format_Time_ReadsAsAnOptionValue(int ms, string expected)
    {
        // Arrange
        TimeSpan value = TimeSpan.FromMilliseconds(ms);

        // Act
        string text = TimeSpanParser.Format(value);

        // Assert
        Assert.Equal(expected, text);
        Assert.True(TimeSpanParser.TryParse(text.Replace(" ", string.Empty, StringComparison.Ordinal), out TimeSpan back));
        Assert.Equal(value, back);
    }
}
