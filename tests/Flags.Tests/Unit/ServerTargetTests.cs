using Flags.Cli;
using Flags.Commands;
using Flags.Server;

namespace Flags.Tests.Unit;

public class ServerTargetTests
{
    [Theory]
    [InlineData("LOCAL", ServerMode.Local)]
    [InlineData("delay", ServerMode.Delay)]
    [InlineData("Error", ServerMode.Error)]
    public void Parse_EmbeddedLabel_SelectsModeWithoutUrl(string text, ServerMode mode)
    {
        // Act
        var target = ServerTarget.Parse(text);

        // Assert
        Assert.Equal(mode, target.EmbeddedMode);
        Assert.Null(target.BaseUrl);
        Assert.Equal(text.ToUpperInvariant(), target.Label);
    }

    [Fact]
    public void Parse_Remote_UsesTheBookSite()
    {
        // Act
        var target = ServerTarget.Parse("remote");

        // Assert
        Assert.Null(target.EmbeddedMode);
        Assert.Equal("https://www.fluentpython.com/data/flags", target.BaseUrl!.AbsoluteUri);
    }

    [Fact]
    public void Parse_UrlWithTrailingSlash_TrimsIt()
    {
        // Act
        var target = ServerTarget.Parse("http://127.0.0.1:8001/flags/");

        // Assert
        Assert.Equal("http://127.0.0.1:8001/flags", target.BaseUrl!.AbsoluteUri);
        Assert.Null(target.EmbeddedMode);
    }

    [Theory]
    [InlineData("NOWHERE")]
    [InlineData("ftp://127.0.0.1/flags")]
    [InlineData("http://")]
    [InlineData("http://127.0.0.1:99999/flags")]
    public void Parse_UnknownLabelOrBadUrl_ThrowsUsageNamingTheInput(string text)
    {
        // Act
        var ex = Assert.Throws<UsageException>(() => ServerTarget.Parse(text));

        // Assert
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }
}
