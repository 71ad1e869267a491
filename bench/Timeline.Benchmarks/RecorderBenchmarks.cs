using BenchmarkDotNet.Attributes;
using Flags.Timeline;

namespace Timeline.Benchmarks;

/// <summary>
/// The recorder's calls for one try, at most what the engine makes (a job number, all eight stamps, one Record), for 10,000
/// tries into a fresh recorder: the size of the 10,000-file run. The baseline fills the same stamps with nothing.
/// </summary>
[MemoryDiagnoser]
public class RecorderBenchmarks
{
    private const int Tries = 10_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Tries)]
    public long NoRecorder()
    {
        long sum = 0;
        for (var i = 0; i < Tries; i++)
        {
            var stamps = new TryStamps { Queued = i, Started = i, FirstByte = i, BodyEnd = i, Ended = i };
            sum += stamps.Ended;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Tries)]
    public long RecorderOff() => RecordTries(TimelineRecorder.Disabled);

    [Benchmark(OperationsPerInvoke = Tries)]
    public long RecorderOn() => RecordTries(new TimelineRecorder());

    private static long RecordTries(TimelineRecorder recorder)
    {
        long sum = 0;
        for (var i = 0; i < Tries; i++)
        {
            var job = recorder.NextJob();
            var stamps = new TryStamps { Queued = recorder.Now(), Started = recorder.Now() };
            stamps.ConnectStart = recorder.Now();
            stamps.ConnectEnd = recorder.Now();
            stamps.RequestSent = recorder.Now();
            stamps.FirstByte = recorder.Now();
            stamps.BodyEnd = recorder.Now();
            stamps.Ended = recorder.Now();
            recorder.Record(job, 1, "br.gif", TryOutcome.Ok, null, stamps);
            sum += stamps.Ended;
        }

        return sum + recorder.Count;
    }
}
