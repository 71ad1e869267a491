using System.Collections.Concurrent;
using System.Diagnostics;

namespace Futures.Tests.Telemetry;

/// <summary>
/// Samples every activity of the "Futures" source (and of the test's own submitter source) and keeps the stopped ones
/// tagged with one executor's name (listeners are process-wide: other tests' executors report too).
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityRecorder(string executorName, ActivitySource? submitterSource = null)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FuturesInstrumentation.ActivitySourceName || s == submitterSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("futures.executor.name"), executorName))
                {
                    Stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public void Dispose() => _listener.Dispose();
}
