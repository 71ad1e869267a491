using System.Diagnostics;

namespace Futures.Telemetry;

/// <summary>
/// The telemetry of one running work item: its start timestamp (only while the duration histogram is enabled) and its
/// activity (only while the source has listeners). Nothing is read or allocated when nobody listens.
/// </summary>
internal readonly struct WorkScope
{
    private readonly long _start;
    private readonly Activity? _activity;

    private WorkScope(long start, Activity? activity)
    {
        _start = start;
        _activity = activity;
    }

    /// <summary>
    /// Starts an item's telemetry on the thread that runs it. The submitter's activity, if any, is the current one
    /// here (it flowed with the captured ExecutionContext): the work's activity links to it rather than nesting in it,
    /// since the submitter's span usually ends long before queued work does.
    /// </summary>
    public static WorkScope Start(string executorType, string executorName)
    {
        var start = FuturesTelemetry.Duration.Enabled ? Stopwatch.GetTimestamp() : 0;
        Activity? activity = null;
        if (FuturesTelemetry.Source.HasListeners())
        {
            activity = StartActivity(executorType, executorName, Activity.Current, keepCurrent: false);
        }

        return new WorkScope(start, activity);
    }

    /// <summary>
    /// Starts the telemetry of an item that runs elsewhere (another process), linked to <paramref name="submitter"/>;
    /// the calling thread's Activity.Current is left as it was.
    /// </summary>
    public static WorkScope StartDetached(string executorType, string executorName, Activity? submitter)
    {
        var start = FuturesTelemetry.Duration.Enabled ? Stopwatch.GetTimestamp() : 0;
        Activity? activity = null;
        if (FuturesTelemetry.Source.HasListeners())
        {
            activity = StartActivity(executorType, executorName, submitter, keepCurrent: true);
        }

        return new WorkScope(start, activity);
    }

    /// <summary>Records the duration with its outcome and stops the activity, Error with the exception type on failure.</summary>
    public void Stop(string executorType, string executorName, Exception? error)
    {
        if (_activity is null && _start == 0)
        {
            return;
        }

        var outcome = FuturesTelemetry.OutcomeOf(error);
        if (_start != 0 && FuturesTelemetry.Duration.Enabled)
        {
            FuturesTelemetry.Duration.Record(
                Stopwatch.GetElapsedTime(_start).TotalSeconds,
                new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorType, executorType),
                new KeyValuePair<string, object?>(FuturesTelemetry.ExecutorName, executorName),
                new KeyValuePair<string, object?>(FuturesTelemetry.Outcome, outcome));
        }

        if (_activity is { } activity)
        {
            activity.SetTag(FuturesTelemetry.Outcome, outcome);
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.GetType().FullName);
                activity.SetTag("error.type", error.GetType().FullName);
            }

            activity.Stop();
        }
    }

    private static Activity? StartActivity(string executorType, string executorName, Activity? submitter, bool keepCurrent)
    {
        ActivityLink[]? links = submitter is null ? null : [new ActivityLink(submitter.Context)];

        // A root of its own: with a current activity, CreateActivity would make it the parent.
        var current = Activity.Current;
        if (current is not null)
        {
            Activity.Current = null;
        }

        var activity = FuturesTelemetry.Source.CreateActivity(
            FuturesInstrumentation.WorkActivityName,
            ActivityKind.Internal,
            parentContext: default,
            tags: null,
            links: links);
        activity?.SetTag(FuturesTelemetry.ExecutorType, executorType);
        activity?.SetTag(FuturesTelemetry.ExecutorName, executorName);
        activity?.Start();
        if (keepCurrent || activity is null)
        {
            Activity.Current = current;
        }

        return activity;
    }
}
