using System.Globalization;
using System.Text.Json;
using Flags.Tests.Support;

namespace Flags.Tests.BigFiles;

/// <summary>-x N: one file over N ranges written in place (issue 17 part 4).</summary>
public class SplitTests
{
    /// <summary>
    /// The big blob's size: 512 MiB in the default suite (seconds on a loaded 2-core machine), 2 GiB when
    /// FLAGS_BIG_BLOB_BYTES says so (bench/bigfile/bench.sh runs it that way).
    /// </summary>
    private static long BigLength =>
        long.TryParse(Environment.GetEnvironmentVariable("FLAGS_BIG_BLOB_BYTES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 512L << 20;

    [Fact(Timeout = 300000)]
    public async Task Split8_BigBlob_ByteIdenticalWithFlatMemory()
    {
        // Arrange: to tmpfs when there is one, so the disk is not what is measured.
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, "flags-split-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(folder, "big.bin");
        var url = server.BlobUrl(BigLength, 21).AbsoluteUri;
        try
        {
            // Act: a real flags process; its peak resident memory is read from /proc while it runs.
            using var process = FlagsProcess.Start("fetch", "-i", "-", "-x", "8", "-o", folder, "--json");
            await process.Input.WriteLineAsync($"{url} big.bin");
            process.Input.Close();
            var waiting = process.WaitAsync(TimeSpan.FromSeconds(240));
            long peak = 0;
            while (!waiting.IsCompleted)
            {
                peak = Math.Max(peak, process.PeakWorkingSet() ?? 0);
                await Task.WhenAny(waiting, Task.Delay(50));
            }

            var run = await waiting;

            // Assert
            Assert.Equal(0, run.ExitCode);
            var result = JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0];
            Assert.Equal(8, result.GetProperty("segments").GetInt32());
            Assert.Equal(BigLength, new FileInfo(target).Length);
            Assert.Equal(Blobs.Sha256(BigLength, 21), Blobs.FileSha256(target));
            var requests = await log.BlobRequestsAsync(8);
            Assert.Equal(8, requests.Count);
            Assert.All(requests, r => Assert.Equal(206, r.Status));
            Assert.InRange(peak, 1, 100L << 20);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact(Timeout = 60000)]
    public async Task Split_ServerWithoutRanges_FallsBackToOneStream()
    {
        // Arrange
        const long length = 4L << 20;
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", $"{server.BlobUrl(length, 6)}&ranges=0", "-x", "4", "-o", output.Path, "--json"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0].GetProperty("segments").GetInt32());
        Assert.Equal([(200, length)], await log.BlobRequestsAsync(1));
        Assert.Equal(Blobs.Sha256(length, 6), Blobs.FileSha256(Path.Combine(output.Path, length.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact(Timeout = 60000)]
    public async Task Split_RangeReset_RetriesOnlyThatRange()
    {
        // Arrange: every answer resets after 1 MiB; each 2 MiB range needs a second try of its own.
        const long length = 8L << 20;
        var log = new RequestLog();
        await using var server = await Servers.LocalAsync(log);
        using var output = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", $"{server.BlobUrl(length, 8)}&reset={1 << 20}", "-x", "4", "--retry-delay", "1", "-o", output.Path, "--json"]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Blobs.Sha256(length, 8), Blobs.FileSha256(Path.Combine(output.Path, length.ToString(CultureInfo.InvariantCulture))));
        // Each range broke off once and was asked again alone, from where it stopped (none restarted the file).
        var requests = await log.BlobRequestsAsync(8);
        Assert.All(requests, r => Assert.Equal(206, r.Status));
        Assert.InRange(requests.Sum(r => r.Bytes), length, 2 * length);
        Assert.Equal(1, JsonDocument.Parse(run.Output).RootElement.GetProperty("results")[0].GetProperty("attempts").GetInt32());
    }
}
