using Flags.Engine;

namespace Flags.Tests.Unit;

/// <summary>
/// The async strategy starts all its workers at once (issue 18: 194 connections opened together, not one after
/// another through the thread pool), never runs more than its concurrency, and stops on a failing job source.
/// </summary>
public class AsyncStrategyTests
{
    [Fact(Timeout = 20_000)]
    public async Task RunAsync_Concurrency3_StartsThreeBeforeReturningAndNeverMore()
    {
        // Arrange: every fetch waits for the gate.
        var fetcher = new GatedFetcher();
        var results = 0;

        // Act
        var run = new AsyncStrategy().RunAsync(Jobs(10), fetcher, 3, _ => Interlocked.Increment(ref results), CancellationToken.None);
        var startedBeforeReturn = fetcher.Started;
        fetcher.Open();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(3, startedBeforeReturn);
        Assert.Equal(3, fetcher.MostInFlight);
        Assert.Equal(10, results);
    }

    [Fact(Timeout = 20_000)]
    public async Task RunAsync_SourceThrows_ThrowsAfterTheJobsInFlightAndTakesNoMore()
    {
        // Arrange: two jobs, then the source fails.
        var fetcher = new GatedFetcher();
        var results = 0;
        IEnumerable<DownloadJob> FailingSource()
        {
            foreach (var job in Jobs(2))
            {
                yield return job;
            }

            throw new InvalidOperationException("the list could not be read");
        }

        // Act
        var run = new AsyncStrategy().RunAsync(FailingSource(), fetcher, 4, _ => Interlocked.Increment(ref results), CancellationToken.None);
        fetcher.Open();
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(15)));

        // Assert: the two jobs taken before the failure still report; nothing else was started.
        Assert.Equal("the list could not be read", thrown.Message);
        Assert.Equal(2, results);
        Assert.Equal(2, fetcher.Started);
    }

    private static IEnumerable<DownloadJob> Jobs(int count) =>
        Enumerable.Range(0, count).Select(i => new DownloadJob($"f{i}", new Uri($"http://127.0.0.1/f{i}"), $"f{i}"));

    /// <summary>Counts fetches started and in flight; each waits until <see cref="Open"/>.</summary>
    private sealed class GatedFetcher : IDownloadFetcher
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        private int _inFlight;
        private int _mostInFlight;

        public int Started => Volatile.Read(ref _started);

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public void Open() => _gate.TrySetResult();

        public async Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _inFlight);
            for (var most = Volatile.Read(ref _mostInFlight); now > most; most = Volatile.Read(ref _mostInFlight))
            {
                Interlocked.CompareExchange(ref _mostInFlight, now, most);
            }

            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Decrement(ref _inFlight);
            return new DownloadResult(job.Key, DownloadStatus.Ok, null, 1, 0);
        }
    }
}
