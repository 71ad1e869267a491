using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Futures.Tests.Telemetry;

/// <summary>
/// Listens to every instrument of the "Futures" meter and keeps the measurements tagged with one executor's name
/// (listeners are process-wide: other tests' executors report too).
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _executorName;

    public MetricsRecorder(string executorName)
    {
        _executorName = executorName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FuturesInstrumentation.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Keep(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Keep(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Keep(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    /// <summary>Reads the observable instruments now; returns their values for this executor by instrument name.</summary>
    public Dictionary<string, double> Observe()
    {
        var seen = Measurements.Count;
        _listener.RecordObservableInstruments();
        return Measurements.Skip(seen)
            .Where(m => m.Instrument.StartsWith("futures.executor.", StringComparison.Ordinal))
            .ToDictionary(m => m.Instrument, m => m.Value);
    }

    public IReadOnlyList<Recorded> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (copy.TryGetValue("futures.executor.name", out var name) && Equals(name, _executorName))
        {
            Measurements.Enqueue(new Recorded(instrument.Name, instrument.Unit, value, copy));
        }
    }

    internal sealed record Recorded(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags);
}
