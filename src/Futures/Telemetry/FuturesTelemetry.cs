using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Futures.Telemetry;

/// <summary>The library's Meter and ActivitySource, and the instruments recorded per item.</summary>
internal static class FuturesTelemetry
{
    public const string ExecutorType = "futures.executor.type";
    public const string ExecutorName = "futures.executor.name";
    public const string Outcome = "futures.work.outcome";

    public static readonly ActivitySource Source = new(FuturesInstrumentation.ActivitySourceName);

    public static readonly Meter Meter = new(FuturesInstrumentation.MeterName);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "futures.work.duration",
        unit: "s",
        description: "Time from the start of a work item to its completion.");

    public static readonly Counter<long> Restarts = Meter.CreateCounter<long>(
        "futures.process.restarts",
        unit: "{process}",
        description: "Worker processes started to replace one that exited.");

    /// <summary>"ok", "error" or "cancelled" (the work threw OperationCanceledException, or its future was cancelled).</summary>
    public static string OutcomeOf(Exception? error) => error switch
    {
        null => "ok",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}
