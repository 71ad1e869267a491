using Flags.Download;
using Flags.Reporting;

namespace Flags.Tests.Unit;

public class TextReportTests
{
    private static readonly Uri Base = new("http://127.0.0.1:8000/flags");

    [Fact]
    public void WriteHeader_TenOrFewerCodes_JoinsThem()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        TextReport.WriteHeader(output, "LOCAL", Base, ["BR", "CN"], 2);

        // Assert
        Assert.Equal(
            "LOCAL site: http://127.0.0.1:8000/flags\nSearching for 2 flags: BR, CN\n2 concurrent connections will be used.\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteHeader_ManyCodesOneConnection_SaysFromToAndOneConnection()
    {
        // Arrange
        var output = new StringWriter();
        var codes = Enumerable.Range(0, 26).Select(i => $"B{(char)('A' + i)}").ToList();

        // Act
        TextReport.WriteHeader(output, "DELAY", Base, codes, 1);

        // Assert
        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("Searching for 26 flags: from BA to BZ", lines[1]);
        Assert.Equal("1 connection will be used.", lines[2]);
    }

    [Fact]
    public void WriteHeader_OneCode_IsSingular()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        TextReport.WriteHeader(output, "LOCAL", Base, ["BR"], 1);

        // Assert
        Assert.Contains("Searching for 1 flag: BR\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSummary_MixedResults_RightAlignsCountsInThreeColumns()
    {
        // Arrange
        var output = new StringWriter();
        DownloadResult[] results =
        [
            new("BR", DownloadStatus.Ok, null, 1, 10),
            new("XX", DownloadStatus.NotFound, null, 1, 0),
            new("QQ", DownloadStatus.Error, "HTTP 503 Service Unavailable after 3 tries", 3, 0),
        ];
        var summary = new RunSummary("LOCAL", Base, "async", 3, ["BR", "QQ", "XX"], results, TimeSpan.FromSeconds(1.234), false);

        // Act
        TextReport.WriteSummary(output, summary);

        // Assert
        Assert.Equal(
            "--------------------\n  1 flag downloaded.\n  1 not found.\n  1 error.\nElapsed time: 1.23s\n",
            output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(1, summary.ExitCode);
    }

    [Fact]
    public void WriteSummary_NoFailures_PrintsOnlyDownloadedAndExitsZero()
    {
        // Arrange
        var output = new StringWriter();
        var results = Enumerable.Range(0, 52).Select(i => new DownloadResult($"C{i}", DownloadStatus.Ok, null, 1, 1)).ToList();
        var summary = new RunSummary("LOCAL", Base, "async", 3, results.Select(r => r.Key).ToList(), results, TimeSpan.Zero, false);

        // Act
        TextReport.WriteSummary(output, summary);

        // Assert
        Assert.Equal("--------------------\n 52 flags downloaded.\nElapsed time: 0.00s\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(0, summary.ExitCode);
    }

    [Theory]
    [InlineData("Ok", null, "BR OK")]
    [InlineData("NotFound", null, "BR not found")]
    [InlineData("Error", "HTTP 503 Service Unavailable after 3 tries", "BR error: HTTP 503 Service Unavailable after 3 tries")]
    public void VerboseLine_EachStatus_MatchesReferenceWording(string status, string? error, string expected)
    {
        // Act
        var line = TextReport.VerboseLine(new DownloadResult("BR", Enum.Parse<DownloadStatus>(status), error, 1, 0));

        // Assert
        Assert.Equal(expected, line);
    }
}
