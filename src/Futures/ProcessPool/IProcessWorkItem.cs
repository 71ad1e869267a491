using Futures.Telemetry;

namespace Futures.ProcessPool;

/// <summary>What the pool needs of a submitted item, whatever its result type; the item is its own future.</summary>
internal interface IProcessWorkItem
{
    long Id { get; }

    PoolFunction Function { get; }

    bool Done { get; }

    /// <summary>The future's state: only a Pending item is run; anything else was cancelled or done by hand.</summary>
    FutureState State { get; }

    /// <summary>
    /// May be sent to a busy worker, to start the moment its current task ends: true for Map chunks, whose futures the
    /// caller never sees, so nobody can cancel one after it was sent; false for Submit, whose futures stay cancellable
    /// until a worker is free for them. Queueing chunks hides the round trip between chunks (CPython likewise keeps one
    /// call queued beyond its workers).
    /// </summary>
    bool MayWaitInWorker { get; }

    /// <summary>
    /// The work takes a CancellationToken (made in the worker): Shutdown with cancelFutures sends the worker a Cancel
    /// frame for it while it runs.
    /// </summary>
    bool TakesToken { get; }

    /// <summary>Pending -> Running as it is sent; false if it was cancelled first.</summary>
    bool SetRunningOrNotifyCancel();

    /// <summary>Writes the call frame (Call or CallChunk) for this item.</summary>
    void WriteCall(FrameWriter frame);

    /// <summary>Completes the future from the worker's answer; <paramref name="reader"/> is past the task id.</summary>
    void Complete(byte kind, ref FrameReader reader, int workerPid);

    /// <summary>Fails the future (the pool broke); no effect if it is done.</summary>
    void Fail(Exception exception);

    bool Cancel();

    /// <summary>The item's metrics and activity, started when it is sent and stopped when it is done.</summary>
    ref ProcessWorkTelemetry Telemetry { get; }
}
