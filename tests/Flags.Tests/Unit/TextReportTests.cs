using Flags.Commands;
using Flags.Engine;
using Flags.Reporting;

namespace Flags.Tests.Unit;

public class TextReportTests
{
    private const string Base = "http://127.0.0.1:8000/flags";

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private static ItemOutcome Code(string code, DownloadStatus status, string? error = null, long bytes = 0) =>
        new(new JobEntry(1, $"{Base}/{code.ToLowerInvariant()}/{code.ToLowerInvariant()}.gif", new DownloadJob(code, new Uri(Base), code + ".gif"), Code: code),
            status, 1, bytes, error);

    private static RunSummary Summary(IEnumerable<ItemOutcome> outcomes, TimeSpan elapsed, bool interrupted = false, int? total = null)
    {
        var counts = new RunCounts();
        foreach (var outcome in outcomes)
        {
            counts.Add(outcome);
        }

        return new RunSummary("flags", null, counts, total, ("code", "flag"), elapsed, interrupted, 0);
    }

    [Fact]
    public void TextHeader_TenOrFewerCodes_JoinsThem()
    {
        // Act
        var header = CountryCodeJobSource.TextHeader("LOCAL", Base, ["BR", "CN"], 2);

        // Assert
        Assert.Equal(
            "LOCAL site: http://127.0.0.1:8000/flags\nSearching for 2 flags: BR, CN\n2 concurrent connections will be used.\n",
            Lines(header));
    }

    [Fact]
    public void TextHeader_ManyCodesOneConnection_SaysFromToAndOneConnection()
    {
        // Arrange
        var codes = Enumerable.Range(0, 26).Select(i => $"B{(char)('A' + i)}").ToList();

        // Act
        var lines = CountryCodeJobSource.TextHeader("DELAY", Base, codes, 1);

        // Assert
        Assert.Equal("Searching for 26 flags: from BA to BZ", lines[1]);
        Assert.Equal("1 connection will be used.", lines[2]);
    }

    [Fact]
    public void TextHeader_OneCode_IsSingular()
    {
        // Act
        var lines = CountryCodeJobSource.TextHeader("LOCAL", Base, ["BR"], 1);

        // Assert
        Assert.Equal("Searching for 1 flag: BR", lines[1]);
    }

    [Fact]
    public void TextHeader_PasswordInUrl_IsMasked()
    {
        // Act
        var lines = CountryCodeJobSource.TextHeader("URL", "http://user:secret@127.0.0.1:1/flags", ["BR"], 1);

        // Assert
        Assert.Equal("URL site: http://user:***@127.0.0.1:1/flags", lines[0]);
    }

    [Fact]
    public void Summary_MixedResults_RightAlignsCountsInThreeColumns()
    {
        // Arrange
        var output = new StringWriter();
        var summary = Summary(
            [
                Code("BR", DownloadStatus.Ok, bytes: 10),
                Code("XX", DownloadStatus.NotFound),
                Code("QQ", DownloadStatus.Error, "HTTP 503 Service Unavailable after 3 tries"),
            ],
            TimeSpan.FromSeconds(1.234));

        // Act
        SummaryPrinter.Write(output, summary, []);

        // Assert
        Assert.Equal(
            "--------------------\n  1 flag downloaded.\n  1 not found.\n  1 error.\nElapsed time: 1.23s\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Summary_NoFailures_PrintsOnlyDownloaded()
    {
        // Arrange
        var output = new StringWriter();
        var summary = Summary(Enumerable.Range(0, 52).Select(i => Code($"C{i}", DownloadStatus.Ok, bytes: 1)), TimeSpan.Zero);

        // Act
        SummaryPrinter.Write(output, summary, []);

        // Assert
        Assert.Equal("--------------------\n 52 flags downloaded.\nElapsed time: 0.00s\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Summary_InterruptedBeforeAnything_SaysNoneOfTheTotalFinished()
    {
        // Arrange
        var output = new StringWriter();

        // Act
        SummaryPrinter.Write(output, Summary([], TimeSpan.Zero, interrupted: true, total: 194), []);

        // Assert
        Assert.StartsWith("Interrupted: 0 of 194 codes finished.\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ok", null, "BR OK")]
    [InlineData("NotFound", null, "BR not found")]
    [InlineData("Error", "HTTP 503 Service Unavailable after 3 tries", "BR error: HTTP 503 Service Unavailable after 3 tries")]
    public void OutcomeLine_EachStatus_MatchesReferenceWording(string status, string? error, string expected)
    {
        // Act
        var line = OutcomeLine.For(Code("BR", Enum.Parse<DownloadStatus>(status), error));

        // Assert
        Assert.Equal(expected, line);
    }
}
