using Flags.Engine;

namespace Flags.Tests.Unit;

public class UrlListJobSourceTests
{
    private static List<JobEntry> Read(params string[] lines) => new UrlListJobSource().Read(lines).ToList();

    [Fact]
    public void Read_UrlsNamesCommentsAndBlanks_OneEntryPerUrlWithLineNumbers()
    {
        // Arrange
        string[] lines = ["# flags", "", "http://127.0.0.1:8000/flags/br/br.gif", "  http://127.0.0.1:8000/flags/br/br.gif?i=2   br-2.gif  "];

        // Act
        var entries = Read(lines);

        // Assert
        Assert.Equal([3, 4], entries.Select(e => e.Line));
        Assert.Equal("br.gif", entries[0].Job!.FileName);
        Assert.Equal("br-2.gif", entries[1].Job!.FileName);
        Assert.Equal("http://127.0.0.1:8000/flags/br/br.gif?i=2", entries[1].Job!.Uri.AbsoluteUri);
        Assert.All(entries, e => Assert.False(e.Renamed));
    }

    [Theory]
    [InlineData("ftp://x", "'ftp://x' is not an http(s) URL")]
    [InlineData("not-a-url", "'not-a-url' is not an http(s) URL")]
    [InlineData("file:///etc/passwd", "'file:///etc/passwd' is not an http(s) URL")]
    [InlineData("http://127.0.0.1/a.gif b c", "has more than a URL and a NAME")]
    public void Read_MalformedLine_EntryWithProblemAndNoJob(string line, string expected)
    {
        // Act
        var entry = Assert.Single(Read(line));

        // Assert
        Assert.Null(entry.Job);
        Assert.Contains(expected, entry.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/a.gif ../x", ".._x")]
    [InlineData("http://127.0.0.1/a.gif a/b", "a_b")]
    [InlineData("http://127.0.0.1/a.gif ..", "__")]
    [InlineData("http://127.0.0.1/a.gif .", "_")]
    [InlineData("http://127.0.0.1/a.gif /etc/passwd", "_etc_passwd")]
    [InlineData("http://127.0.0.1/a.gif a\\b", "a_b")]
    [InlineData("http://127.0.0.1/x/%2e%2e%2f", ".._")]
    [InlineData("http://127.0.0.1/x/a%2fb%5cc", "a_b_c")]
    [InlineData("http://127.0.0.1/x/a%0Ab%00c%1B", "a_b_c_")]
    [InlineData("http://127.0.0.1/a.gif.part", "a.gif.part_")]
    [InlineData("http://127.0.0.1/a.gif b.PART", "b.PART_")]
    public void Read_HostileName_SanitisedAndReportedAsRenamed(string line, string expected)
    {
        // Act
        var entry = Assert.Single(Read(line));

        // Assert
        Assert.Equal(expected, entry.Job!.FileName);
        Assert.True(entry.Renamed);
        Assert.DoesNotContain('/', entry.Job.FileName);
        Assert.NotEqual("..", entry.Job.FileName);
    }

    [Theory]
    [InlineData("http://127.0.0.1/dir/")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1/x/%2e%2e")]
    public void Read_PathEndsInFolder_IndexHtmlNotRenamed(string line)
    {
        // Act: %2e%2e is a dot segment, resolved by the URL parser to the folder above.
        var entry = Assert.Single(Read(line));

        // Assert
        Assert.Equal("index.html", entry.Job!.FileName);
        Assert.False(entry.Renamed);
    }

    [Fact]
    public void Read_SameNameThreeTimes_NumberedInListOrder()
    {
        // Act
        var entries = Read("http://127.0.0.1/a/x.gif", "http://127.0.0.1/b/x.gif", "http://127.0.0.1/c/x.gif", "http://127.0.0.1/d/README", "http://127.0.0.1/e/README");

        // Assert
        Assert.Equal(["x.gif", "x.1.gif", "x.2.gif", "README", "README.1"], entries.Select(e => e.Job!.FileName));
        Assert.Equal([false, true, true, false, true], entries.Select(e => e.Renamed));
        Assert.Equal("x.gif", entries[1].RequestedName);
    }

    [Fact]
    public void Read_NumberedNameTakenLater_LaterLineRenamed()
    {
        // Act: line 2 is renamed to x.1.gif, so line 3's explicit x.1.gif must move on.
        var entries = Read("http://127.0.0.1/a/x.gif", "http://127.0.0.1/b/x.gif", "http://127.0.0.1/c/y.gif x.1.gif");

        // Assert
        Assert.Equal(["x.gif", "x.1.gif", "x.1.1.gif"], entries.Select(e => e.Job!.FileName));
    }

    [Fact]
    public void Read_SameUrlTwice_SecondIsDuplicate()
    {
        // Act: host case, default port and fragment do not make another download.
        var entries = Read("http://127.0.0.1/a.gif", "HTTP://127.0.0.1:80/a.gif#top other.gif", "http://127.0.0.1/a.gif?v=2");

        // Assert
        Assert.NotNull(entries[0].Job);
        Assert.True(entries[1].Duplicate);
        Assert.Null(entries[1].Job);
        Assert.Equal("a.1.gif", entries[2].Job!.FileName);
    }

    [Fact]
    public void Read_InfiniteSource_ReadsOnlyWhatIsTaken()
    {
        // Arrange
        var produced = 0;
        IEnumerable<string> Endless()
        {
            for (var i = 0; ; i++)
            {
                produced++;
                yield return $"http://127.0.0.1/f{i}";
            }
        }

        // Act
        var taken = new UrlListJobSource().Read(Endless()).Take(5).ToList();

        // Assert
        Assert.Equal(5, taken.Count);
        Assert.Equal(5, produced);
    }
}
