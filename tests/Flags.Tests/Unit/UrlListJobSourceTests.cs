using Flags.Download;

namespace Flags.Tests.Unit;

public class UrlListJobSourceTests
{
    [Fact]
    public void Parse_UrlsNamesCommentsAndBlanks_MakesOneJobPerUrl()
    {
        // Arrange
        string[] lines = ["# flags", "", "http://127.0.0.1:8000/flags/br/br.gif", "  http://127.0.0.1:8000/flags/br/br.gif?i=2   br-2.gif  "];

        // Act
        var jobs = UrlListJobSource.Parse(lines, "list.txt");

        // Assert
        Assert.Equal(2, jobs.Count);
        Assert.Equal("br.gif", jobs[0].FileName);
        Assert.Equal("br.gif", jobs[0].Key);
        Assert.Equal("br-2.gif", jobs[1].FileName);
        Assert.Equal("http://127.0.0.1:8000/flags/br/br.gif?i=2", jobs[1].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/x.gif", "line 1")]
    [InlineData("not a url", "line 1")]
    [InlineData("http://127.0.0.1/flags/", "is not a usable file name")]
    [InlineData("http://127.0.0.1/a.gif ../b.gif", "is not a usable file name")]
    public void Parse_BadLine_ThrowsNamingTheLine(string line, string expected)
    {
        // Act
        var ex = Assert.Throws<InvalidDataException>(() => UrlListJobSource.Parse([line], "list.txt"));

        // Assert
        Assert.StartsWith("list.txt line 1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoUrlsSameFile_ThrowsNamingBothLines()
    {
        // Act
        var ex = Assert.Throws<InvalidDataException>(
            () => UrlListJobSource.Parse(["http://127.0.0.1/a/x.gif", "http://127.0.0.1/b/x.gif"], "list.txt"));

        // Assert
        Assert.Equal("list.txt line 2: 'x.gif' is also the file of line 1. Give one of them another NAME.", ex.Message);
    }
}
