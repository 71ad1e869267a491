using Futures;

namespace Futures.Tests.ProcessPool;

/// <summary>Messages near the 256 MiB frame limit (issue 11: a 100 MB result was refused).</summary>
public class ProcessPoolLargeMessageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Result_200MBMessage_RoundTrips()
    {
        // Arrange: 150,000,000 bytes travel as 200,000,002 bytes of base64 JSON; the worker goes away with its pool
        const int Count = 150_000_000;
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);

        // Act
        var bytes = await pool.Submit(ProcessJobs.Bytes, Count).AsTask().WaitAsync(Patience);

        // Assert
        Assert.Equal(Count, bytes.Length);
        for (var i = 0; i < bytes.Length; i += 4099)
        {
            Assert.Equal(ProcessJobs.PatternByte(i), bytes[i]);
        }

        Assert.Equal(ProcessJobs.PatternByte(Count - 1), bytes[^1]);
        Assert.Equal(49, pool.Submit(ProcessJobs.Square, 7).Result(Patience)); // and the worker goes on
    }

    [Fact(Timeout = 120_000)]
    public async Task Result_OverTheLimit_FailsThatFutureSayingTheSizeAndTheLimit()
    {
        // Arrange: 202,000,000 bytes are 269,333,336 bytes of base64 JSON, just over 268,435,456
        using var pool = new ProcessPoolExecutor(maxWorkers: 1);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => pool.Submit(ProcessJobs.Bytes, 202_000_000).AsTask().WaitAsync(Patience));

        // Assert
        Assert.Contains("269,333,3", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 268,435,456 bytes (256 MiB)", error.Message, StringComparison.Ordinal);
        Assert.Equal(49, pool.Submit(ProcessJobs.Square, 7).Result(Patience));
    }
}
