using System.Text.Json;
using Flags.Tests.Support;

namespace Flags.Tests.BigFiles;

/// <summary>Checksums on list lines and --checksum, and --digest in JSON (issue 17 part 2).</summary>
public class ChecksumTests
{
    private const long Length = 3L << 20;

    [Fact(Timeout = 60000)]
    public async Task ListLine_ChecksumMatches_SavesAndReportsDigest()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var expected = Blobs.Sha256(Length, 11);
        var list = $"{server.BlobUrl(Length, 11)} good.bin sha256={expected.ToUpperInvariant()}\n";

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-o", output.Path, "--json"], new StringReader(list));

        // Assert
        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0];
        Assert.Equal("ok", result.GetProperty("status").GetString());
        Assert.Equal($"sha256={expected}", result.GetProperty("digest").GetString());
        Assert.Equal(expected, Blobs.FileSha256(Path.Combine(output.Path, "good.bin")));
    }

    [Fact(Timeout = 60000)]
    public async Task Checksum_Mismatch_IsAnErrorWithBothDigestsAndNoFile()
    {
        // Arrange: the digest of another seed's bytes.
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var wrong = Blobs.Sha256(Length, 12);
        var actual = Blobs.Sha256(Length, 11);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", server.BlobUrl(Length, 11).AbsoluteUri, "--checksum", $"sha256={wrong}", "-c", "-o", output.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.OutputLines, l => l.Contains("checksum mismatch", StringComparison.Ordinal));
        Assert.Contains($"expected sha256={wrong}", line, StringComparison.Ordinal);
        Assert.Contains($"got sha256={actual}", line, StringComparison.Ordinal);
        Assert.Contains("after 1 try", line, StringComparison.Ordinal);
        Assert.Empty(output.Files());
    }

    [Fact(Timeout = 60000)]
    public async Task Digest_Sha512WithSplit_ReportsTheWholeFilesDigest()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", server.BlobUrl(Length, 2).AbsoluteUri, "-x", "4", "--digest", "sha512", "-o", output.Path, "--json"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0];
        Assert.Equal(4, result.GetProperty("segments").GetInt32());
        using var file = File.OpenRead(Path.Combine(output.Path, Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(file));
        Assert.Equal($"sha512={expected}", result.GetProperty("digest").GetString());
    }

    [Fact(Timeout = 60000)]
    public async Task ListLine_MalformedChecksum_IsThatLinesErrorWithoutRequest()
    {
        // Arrange
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-o", output.Path, "-v"], new StringReader($"{server.BlobUrl(Length, 1)} a.bin sha256=zz\n"));

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("line 1: 'sha256=zz' is not a sha256 checksum", StringComparison.Ordinal));
        Assert.Empty(Blobs.Requests(log.ToString()));
    }
}
