using Flags.Tests.Support;

namespace Flags.Tests.BigFiles;

/// <summary>Every bad big-file value is one usage line, exit 2, before any request (issue 17).</summary>
public class BigFileUsageTests
{
    [Theory(Timeout = 30000)]
    [InlineData("--split=0", "--split must be at least 1 (got 0).")]
    [InlineData("-x=17", "--split must be at most 16 (got 17).")]
    [InlineData("--limit-rate=5x", "'5x' is not a rate for --limit-rate. Write bytes per second with an optional k, M or G: 500k, 10M, 1.5M.")]
    [InlineData("--limit-rate-per-file=0", "--limit-rate-per-file must be between 1k and 100G (got 0).")]
    [InlineData("--checksum=sha256=zz", "--checksum: 'sha256=zz' is not a sha256 checksum: it needs 64 hex digits (0-9, a-f) after 'sha256='.")]
    [InlineData("--checksum=sha1=00", "--checksum: 'sha1=00' is not a checksum. Write ALGORITHM=HEX with one of sha256, sha512, md5, e.g. sha256=9f86d0...")]
    [InlineData("--digest=crc32", "'crc32' is not a digest for --digest. Use one of: sha256, sha512, md5.")]
    public async Task Fetch_BadBigFileValue_OneUsageLineNoRequest(string option, string message)
    {
        // Arrange
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", server.BlobUrl(1024, 1).AbsoluteUri, option, "-o", output.Path]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message + Environment.NewLine, run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(log.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Fetch_ChecksumWithTwoUrls_IsAUsageError()
    {
        // Arrange
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", server.BlobUrl(1024, 1).AbsoluteUri, server.BlobUrl(1024, 2).AbsoluteUri, "--checksum", "md5=" + new string('0', 32)]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--checksum is for one URL argument. For a list, write sha256=HEX after the name on each line." + Environment.NewLine, run.Error);
        Assert.Empty(log.ToString());
    }
}
