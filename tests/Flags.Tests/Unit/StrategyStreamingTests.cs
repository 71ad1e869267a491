using Flags.Engine;

namespace Flags.Tests.Unit;

/// <summary>Every strategy reads its jobs lazily, a bounded window ahead of the results (issue 7: lists of any length).</summary>
public class StrategyStreamingTests
{
    public static TheoryData<string> Strategies => new() { "sequential", "threads", "futures", "async" };

    [Theory(Timeout = 20000)]
    [MemberData(nameof(Strategies))]
    public async Task RunAsync_EndlessSource_TakesOnlyAWindowAheadOfResults(string name)
    {
        // Arrange: a source that never ends, and a run stopped after 100 results.
        const int concurrency = 4;
        var produced = 0;
        var reported = 0;
        using var stop = new CancellationTokenSource();
        IEnumerable<DownloadJob> Endless()
        {
            for (var i = 0; ; i++)
            {
                Interlocked.Increment(ref produced);
                yield return new DownloadJob($"f{i}", new Uri($"http://127.0.0.1/f{i}"), $"f{i}");
            }
        }

        void OnResult(DownloadResult result)
        {
            if (Interlocked.Increment(ref reported) == 100)
            {
                stop.Cancel();
            }
        }

        // Act
        await DownloadStrategies.Create(name).RunAsync(Endless(), new InstantFetcher(), concurrency, OnResult, stop.Token)
            .WaitAsync(TimeSpan.FromSeconds(15));

        // Assert: an eager read of the endless source would never get here; a lazy one stays within a constant of the
        // results: the window (2 x concurrency), refilled once more while the cancelled tail drains, plus those running.
        Assert.InRange(Volatile.Read(ref produced), 100, 100 + (2 * JobRunner.Window(concurrency)) + concurrency + 1);
    }

    /// <summary>Answers at once without any I/O: the strategies' reading pattern is what is under test.</summary>
    private sealed class InstantFetcher : IDownloadFetcher
    {
        public Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken) =>
            Task.FromResult(new DownloadResult(job.Key, DownloadStatus.Ok, null, 1, 0));
    }
}
