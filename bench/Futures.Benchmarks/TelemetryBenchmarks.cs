using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace Futures.Benchmarks;

/// <summary>
/// Submit-and-collect of <see cref="Work.Count"/> no-op items with nobody listening, with a MeterListener on the
/// "Futures" meter (the duration histogram records every item), and with that plus an ActivityListener sampling every
/// activity (one activity per item). Each case runs in its own process, so the listeners of one do not reach another.
/// </summary>
public class TelemetryBenchmarks : ThreadPoolBenchmarks
{
    private MeterListener? _meterListener;
    private ActivityListener? _activityListener;
    private double _sum;

    /// <summary>Who listens: "none", "meter" or "meter+activity".</summary>
    [Params("none", "meter", "meter+activity")]
    public string Listeners { get; set; } = "none";

    protected override void OnSetup()
    {
        if (Listeners.StartsWith("meter", StringComparison.Ordinal))
        {
            _meterListener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == FuturesInstrumentation.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meterListener.SetMeasurementEventCallback<double>((_, value, _, _) => _sum += value);
            _meterListener.Start();
        }

        if (Listeners.EndsWith("activity", StringComparison.Ordinal))
        {
            _activityListener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == FuturesInstrumentation.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_activityListener);
        }
    }

    protected override void OnCleanup()
    {
        _meterListener?.Dispose();
        _activityListener?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Work.Count)]
    public long SubmitAndCollect() => SubmitAllAndSum(static executor => executor.Submit(Work.NoOp));
}
