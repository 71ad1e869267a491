using System.Text.Json;
using Flags.Engine.BigFiles;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.BigFiles;

/// <summary><c>flags fetch -c</c> against the embedded server's /blob route: keep, resume, restart (issue 17 part 1).</summary>
public class ResumeTests
{
    private const long Length = 4L << 20;
    private const long Cut = 1_000_000;

    [Fact(Timeout = 60000)]
    public async Task Continue_AfterResetFault_ResumesWithOnlyTheMissingBytes()
    {
        // Arrange: the server resets every answer after 1,000,000 body bytes.
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();
        var url = $"{server.BlobUrl(Length, 5)}&reset={Cut}";
        var target = Path.Combine(output.Path, Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Act 1: one try only; the .part and its sidecar are kept.
        var first = await FlagsRun.RunAsync(["fetch", url, "-c", "--retries", "0", "-o", output.Path]);
        var kept = new FileInfo(target + ".part").Length;
        var sidecar = ResumeSidecar.TryRead(target);
        var firstRequests = (await log.BlobRequestsAsync(1)).Count;

        // Act 2: the next run resumes, one range per try, until the file is whole.
        var second = await FlagsRun.RunAsync(["fetch", url, "-c", "--retries", "10", "--retry-delay", "1", "-o", output.Path, "--json"]);

        // Assert
        Assert.Equal(1, first.ExitCode);
        Assert.Equal(Cut, kept);
        Assert.NotNull(sidecar);
        Assert.Equal(Length, sidecar.Length);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(Blobs.Sha256(Length, 5), Blobs.FileSha256(target));
        Assert.False(File.Exists(target + ".part"));
        Assert.False(File.Exists(ResumeSidecar.PathOf(target)));
        var result = JsonDocument.Parse(second.Output).RootElement.GetProperty("results")[0];
        var requests = await log.BlobRequestsAsync(firstRequests + result.GetProperty("attempts").GetInt32());
        Assert.Equal((200, Cut), requests[0]);
        var resumed = requests.Skip(firstRequests).ToList();
        Assert.All(resumed, r => Assert.Equal(206, r.Status));
        Assert.Equal(Length - Cut, resumed.Sum(r => r.Bytes));
        Assert.Equal("resumed", result.GetProperty("start").GetString());
    }

    [Fact(Timeout = 90000)]
    public async Task Continue_AfterSigintOfRealProcess_ResumesByteIdentical()
    {
        // Arrange: a slow download (rate-limited) in a real flags process.
        const long length = 8L << 20;
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();
        var url = server.BlobUrl(length, 9).AbsoluteUri;
        var target = Path.Combine(output.Path, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = FlagsProcess.Start("fetch", url, "-c", "--limit-rate", "1M", "-o", output.Path);
        await WaitForBytesAsync(target + ".part", 256 * 1024, TimeSpan.FromSeconds(30));

        // Act 1: Ctrl+C.
        await process.InterruptAsync();
        var interrupted = await process.WaitAsync();
        var kept = new FileInfo(target + ".part").Length;
        var sidecar = ResumeSidecar.TryRead(target);
        var firstRequests = (await log.BlobRequestsAsync(1)).Count;

        // Act 2
        var resumed = await FlagsRun.RunAsync(["fetch", url, "-c", "-o", output.Path, "-v"]);

        // Assert
        Assert.Equal(130, interrupted.ExitCode);
        Assert.NotNull(sidecar);
        Assert.InRange(kept, 256 * 1024, length - 1);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains(resumed.OutputLines, l => l.Contains("OK (resumed at byte", StringComparison.Ordinal));
        Assert.Equal(Blobs.Sha256(length, 9), Blobs.FileSha256(target));
        var requests = (await log.BlobRequestsAsync(firstRequests + 1)).Skip(firstRequests).ToList();
        Assert.Equal([(206, length - kept)], requests);
    }

    [Fact(Timeout = 60000)]
    public async Task Continue_ETagDiffers_RestartsFromZero()
    {
        // Arrange: half a file kept under another ETag (the file changed on the server since).
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();
        var url = server.BlobUrl(Length, 3).AbsoluteUri;
        var target = Path.Combine(output.Path, "blob.bin");
        Blobs.WritePrefix(target + ".part", Length, 4, Length / 2);
        new ResumeSidecar(url, Length, "\"blob-older\"", null).Write(target);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-c", "-o", output.Path, "--json"], new StringReader($"{url} blob.bin\n"));

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Blobs.Sha256(Length, 3), Blobs.FileSha256(target));
        Assert.Equal([(200, Length)], await log.BlobRequestsAsync(1));
        var result = JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0];
        Assert.Equal("restarted", result.GetProperty("start").GetString());
        Assert.Contains("ETag differs", result.GetProperty("restartReason").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Continue_ServerIgnoresRange_RestartsFromZero()
    {
        // Arrange: a good .part and sidecar, but the server has ranges turned off.
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();
        var url = $"{server.BlobUrl(Length, 3)}&ranges=0";
        var target = Path.Combine(output.Path, "blob.bin");
        Blobs.WritePrefix(target + ".part", Length, 3, Length / 2);
        new ResumeSidecar(url, Length, $"\"blob-{Length}-3\"", null).Write(target);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-c", "-o", output.Path, "-v"], new StringReader($"{url} blob.bin\n"));

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Blobs.Sha256(Length, 3), Blobs.FileSha256(target));
        Assert.Equal([(200, Length)], await log.BlobRequestsAsync(1));
        Assert.Contains(run.OutputLines, l => l.Contains("OK (restarted: the server sent the whole file", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60000)]
    [InlineData(null)]
    [InlineData("not a sidecar\n")]
    [InlineData("flags-resume 1\nurl=x\nlength=12\netag=W/\"weak\"\n")]
    public async Task Continue_PartWithoutUsableSidecar_IsNeverTrusted(string? sidecar)
    {
        // Arrange: a .part of the wrong bytes, with no sidecar or an unreadable one.
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();
        var url = server.BlobUrl(Length, 3).AbsoluteUri;
        var target = Path.Combine(output.Path, "blob.bin");
        Blobs.WritePrefix(target + ".part", Length, 99, Length / 2);
        if (sidecar is not null)
        {
            await File.WriteAllTextAsync(ResumeSidecar.PathOf(target), sidecar);
        }

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-c", "-o", output.Path], new StringReader($"{url} blob.bin\n"));

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Blobs.Sha256(Length, 3), Blobs.FileSha256(target));
        Assert.Equal([(200, Length)], await log.BlobRequestsAsync(1));
    }

    [Fact(Timeout = 60000)]
    public async Task Fetch_WithoutContinue_LeavesNoPartialFile()
    {
        // Arrange
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        var url = $"{server.BlobUrl(Length, 5)}&reset={Cut}";

        // Act: a big-file option on, but no -c.
        var run = await FlagsRun.RunAsync(["fetch", url, "--retries", "0", "--digest", "sha256", "-o", output.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(output.Files());
    }

    [Fact(Timeout = 60000)]
    public async Task Continue_PartIsASymlink_NeverWritesThroughIt()
    {
        // Arrange: the .part is a link to a file outside the output folder.
        await using var server = await Servers.LocalAsync();
        using var output = new TempDirectory();
        using var outside = new TempDirectory();
        var victim = Path.Combine(outside.Path, "victim.txt");
        await File.WriteAllTextAsync(victim, "keep me");
        var url = server.BlobUrl(Length, 3).AbsoluteUri;
        var target = Path.Combine(output.Path, "blob.bin");
        File.CreateSymbolicLink(target + ".part", victim);
        new ResumeSidecar(url, Length, $"\"blob-{Length}-3\"", null).Write(target);

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", "-", "-c", "-o", output.Path], new StringReader($"{url} blob.bin\n"));

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
        Assert.Equal(Blobs.Sha256(Length, 3), Blobs.FileSha256(target));
    }

    private static async Task WaitForBytesAsync(string path, long bytes, TimeSpan limit)
    {
        // The download is in another process; its file size is the only signal it gives, so it is polled.
        using var timeout = new CancellationTokenSource(limit);
        while (!File.Exists(path) || new FileInfo(path).Length < bytes)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
