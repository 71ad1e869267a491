using System.Diagnostics;

namespace Futures.Telemetry;

/// <summary>
/// The telemetry a process-pool item carries: the submitter's activity (captured at Submit only while the source has
/// listeners: the work runs in another process, so no execution context brings it along) and the scope of its run,
/// from being sent to a worker to the worker's answer or the item's failure.
/// </summary>
internal struct ProcessWorkTelemetry
{
    private const string ProcessPoolType = "process_pool";

    private Activity? _submitter;
    private string? _executorName;
    private WorkScope _scope;

    /// <summary>At Submit: the submitter's activity if anyone listens, else nothing.</summary>
    public static ProcessWorkTelemetry Capture() =>
        new() { _submitter = FuturesTelemetry.Source.HasListeners() ? Activity.Current : null };

    /// <summary>The item was sent to a worker of <paramref name="executorName"/>.</summary>
    public void Start(string executorName)
    {
        _executorName = executorName;
        _scope = WorkScope.StartDetached(ProcessPoolType, executorName, _submitter);
        _submitter = null;
    }

    /// <summary>The item is done (<paramref name="future"/>'s outcome); no effect unless it was started.</summary>
    public void Stop(Future future)
    {
        if (_executorName is not { } name)
        {
            return;
        }

        _executorName = null;
        var error = future.State == FutureState.Cancelled
            ? new OperationCanceledException()
            : future.HasException ? future.Exception(TimeSpan.Zero) : null;
        _scope.Stop(ProcessPoolType, name, error);
    }
}
