using Flags.Timeline;

namespace Flags.Tests.Timeline;

public class TimelineRecorderTests
{
    [Fact]
    public void Disabled_RecordsNothingAndAllocatesNothing()
    {
        // Arrange
        var recorder = TimelineRecorder.Disabled;
        RecordTries(recorder, 10); // JIT and statics first, so only the calls themselves are measured

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordTries(recorder, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.False(recorder.Enabled);
        Assert.Equal(0, allocated);
        Assert.Equal(0, recorder.Count);
        Assert.Empty(recorder.Snapshot().Entries);
    }

    [Fact]
    public void Enabled_StampsComeFromTheTimeProvider()
    {
        // Arrange: a clock that moves 1 ms per reading, 1,000 ticks a second.
        var clock = new SteppingClock();
        var recorder = new TimelineRecorder(clock);

        // Act
        var job = recorder.NextJob();
        var stamps = new TryStamps { Queued = recorder.Now(), Started = recorder.Now(), FirstByte = recorder.Now(), BodyEnd = recorder.Now(), Ended = recorder.Now() };
        recorder.Record(job, 1, "BR", TryOutcome.Ok, null, stamps);
        var timeline = recorder.Snapshot();

        // Assert: the origin is the first reading; each later one is 1 ms on.
        var entry = Assert.Single(timeline.Entries);
        Assert.Equal((1, 1, "BR", TryOutcome.Ok), (entry.Job, entry.Try, entry.Label, entry.Outcome));
        var phases = timeline.Phases(entry);
        Assert.Equal([0.001, 0.002, 0.002, 0.003, 0.004, 0.005], [phases.Queued, phases.Started, phases.RequestSent, phases.FirstByte, phases.BodyEnd, phases.Ended]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Enabled_ManyThreadsAtOnce_KeepsEveryTry()
    {
        // Arrange
        var recorder = new TimelineRecorder();
        using var start = new ManualResetEventSlim();

        // Act: 8 threads, 3,000 tries each, released together.
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            Assert.True(start.Wait(TimeSpan.FromSeconds(20)), "The start signal never came.");
            RecordTries(recorder, 3_000);
        }, TaskCreationOptions.LongRunning)).ToList();
        start.Set();
        await Task.WhenAll(workers);
        var timeline = recorder.Snapshot();

        // Assert
        Assert.Equal(24_000, timeline.Entries.Count);
        Assert.Equal(24_000, timeline.Entries.Select(e => e.Job).Distinct().Count());
        Assert.All(timeline.Entries, e => Assert.True(e.Stamps.Ended >= e.Stamps.Started));
    }

    private static void RecordTries(TimelineRecorder recorder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var job = recorder.NextJob();
            recorder.Record(job, 1, "BR", TryOutcome.Ok, null, new TryStamps
            {
                Queued = recorder.Now(), Started = recorder.Now(), FirstByte = recorder.Now(), BodyEnd = recorder.Now(), Ended = recorder.Now(),
            });
        }
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Increment(ref _now);
    }
}
