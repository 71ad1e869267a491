namespace Futures;

/// <summary>
/// The names under which executors publish metrics and traces, for OpenTelemetry's <c>AddMeter</c> and
/// <c>AddSource</c> or a <see cref="System.Diagnostics.Metrics.MeterListener"/> /
/// <see cref="System.Diagnostics.ActivityListener"/>.
/// </summary>
public static class FuturesInstrumentation
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: "Futures".</summary>
    public const string MeterName = "Futures";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: "Futures".</summary>
    public const string ActivitySourceName = "Futures";

    /// <summary>The name of the activity each work item runs in: "futures.work".</summary>
    public const string WorkActivityName = "futures.work";
}
