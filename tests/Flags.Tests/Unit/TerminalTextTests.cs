using Flags.Reporting;

namespace Flags.Tests.Unit;

public class TerminalTextTests
{
    [Theory]
    [InlineData("BR", "BR")]
    [InlineData("not\u001b[31mRED\u001b]2;PWNED\u0007", @"not\x1b[31mRED\x1b]2;PWNED\x07")]
    [InlineData("a\0b\r\nc\u009b", @"a\x00b\x0d\x0ac\x9b")]
    [InlineData("left\u202Eright", @"left\u202eright")]
    [InlineData("café", "café")]
    public void Safe_ControlAndFormatCharacters_AreEscaped(string value, string expected)
    {
        // Act
        var safe = TerminalText.Safe(value);

        // Assert
        Assert.Equal(expected, safe);
    }

    [Fact]
    public void Safe_LongValue_IsCutTo200WithAnEllipsis()
    {
        // Act
        var safe = TerminalText.Safe(new string('x', 1_000_000));

        // Assert
        Assert.Equal(new string('x', 200) + "…", safe);
    }

    [Theory]
    [InlineData("http://user:pass@127.0.0.1:1/flags", "http://user:***@127.0.0.1:1/flags")]
    [InlineData("https://token@host/x", "https://***@host/x")]
    [InlineData("see http://a:b@h/x and ftp://c:d@h/y", "see http://a:***@h/x and ftp://c:***@h/y")]
    [InlineData("http://127.0.0.1/a@b", "http://127.0.0.1/a@b")]
    [InlineData("mail me@example.org", "mail me@example.org")]
    public void Url_UserInfo_IsMasked(string text, string expected)
    {
        // Act
        var safe = TerminalText.Url(text);

        // Assert
        Assert.Equal(expected, safe);
    }

    [Fact]
    public void StatusLine_Format_ShowsCountsBytesRateElapsedAndNamesWithinTheWidth()
    {
        // Act
        var line = StatusLineReporter.Format(9876, 2, 40 * 1024 * 1024, TimeSpan.FromSeconds(4), ["a.bin", "b\u001bc.bin", "c.bin", "d.bin"], 200);
        var narrow = StatusLineReporter.Format(9876, 2, 40 * 1024 * 1024, TimeSpan.FromSeconds(4), ["a.bin"], 40);

        // Assert
        Assert.Equal(@"[ 9,876 done, 2 failed | 40.0 MiB, 10.0 MiB/s | 0:04 ] a.bin, b\x1bc.bin, c.bin +1", line);
        Assert.Equal(39, narrow.Length);
        Assert.EndsWith("…", narrow, StringComparison.Ordinal);
    }
}
