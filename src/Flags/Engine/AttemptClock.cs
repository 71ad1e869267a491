using Flags.Timeline;

namespace Flags.Engine;

/// <summary>
/// The stamps of one job's tries for --timeline (made only when recording): when each try starts, opens a connection,
/// gets its answer, has read its body and ends; <see cref="End"/> hands the try to the recorder and makes its end the
/// start of the next try's wait (the backoff).
/// </summary>
internal sealed class AttemptClock
{
    private readonly TimelineRecorder _recorder;
    private readonly CancellationToken _stop;
    private TryStamps _stamps;
    private ConnectStamps _connect = new();
    private long _queued;

    /// <summary>Starts the clock of a job taken from its source at <paramref name="ticket"/>; <paramref name="stop"/> is the run's Ctrl+C.</summary>
    public AttemptClock(TimelineRecorder recorder, TimelineTicket ticket, CancellationToken stop)
    {
        _recorder = recorder;
        _stop = stop;

        // A job that did not come through the pipeline (no ticket) starts waiting now.
        Job = ticket.Job != 0 ? ticket.Job : recorder.NextJob();
        _queued = ticket.Queued != 0 ? ticket.Queued : recorder.Now();
        BodyRead = () => _stamps.BodyEnd = _recorder.Now();
    }

    /// <summary>The job's number in the recording.</summary>
    public int Job { get; }

    /// <summary>Stamps the end of the body (called by the sink after the last read).</summary>
    public Action BodyRead { get; }

    /// <summary>The run was stopped (Ctrl+C): a try cut short now is not recorded.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>A try begins: it has its slot.</summary>
    public void Begin()
    {
        _stamps = new TryStamps { Queued = _queued, Started = _recorder.Now() };

        // Fresh per try: a connection a cancelled try began may still finish opening and stamp its own object.
        _connect = new ConnectStamps();
    }

    /// <summary>Lets the connect callback stamp a connection this request opens.</summary>
    public void Sending(HttpRequestMessage request) => request.Options.Set(TimelineConnect.Key, _connect);

    /// <summary>The response headers arrived.</summary>
    public void Answered() => _stamps.FirstByte = _recorder.Now();

    /// <summary>The try is over (saved, answered with an error, or failed): records it.</summary>
    public void End(int tryNumber, string label, TryOutcome outcome, string? detail)
    {
        _stamps.Ended = _recorder.Now();
        _stamps.ConnectStart = _connect.Start;
        _stamps.ConnectEnd = _connect.End;
        _recorder.Record(Job, tryNumber, label, outcome, detail, _stamps);
        _queued = _stamps.Ended;
    }
}
