using System.Security.Cryptography;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

/// <summary>
/// A 2 GiB blob streamed end to end. Alone in its collection (no other test runs meanwhile), because the
/// allocation it measures is the whole process's.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class BlobMemoryTests
{
    [Fact(Timeout = 300000)]
    public async Task Get_TwoGigabytes_StreamedWithBoundedAllocationAndTheGeneratorsBytes()
    {
        // Arrange: the server runs in this process, so its allocations count in the delta too.
        const long TwoGiB = 2L << 30;
        await using FlagServer server = await TestServers.StartAsync();
        using HttpClient client = TestServers.Client(TimeSpan.FromMinutes(4));
        Uri url = server.BlobUrl(TwoGiB, seed: 42);
        using var received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        // Act
        long total = 0;
        using (HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
        await using (Stream body = await response.Content.ReadAsStreamAsync())
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received.AppendData(buffer, 0, read);
                total += read;
            }
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // Assert
        Assert.Equal(TwoGiB, total);
        Assert.True(allocated < 64L << 20, $"{allocated:N0} bytes allocated while streaming 2 GiB.");
        Assert.Equal(BlobTests.ExpectedHash(TwoGiB, 42), received.GetHashAndReset());
    }
}
