namespace Flags.Timeline;

/// <summary>
/// The moments of one try, as <see cref="TimelineRecorder.Now"/> timestamps, filled in as the try happens. A mutable
/// struct on purpose: it lives in the caller's frame (or async state machine), so recording allocates nothing, and
/// with the recorder off every stamp is a branch that stores 0.
/// </summary>
/// <remarks>
/// 0 means "not reached". Only <see cref="Started"/> and <see cref="Ended"/> are required. A stage the try never
/// reached (it failed earlier) takes the time of the next one that was stamped, so the time goes to the phase that
/// was in progress when it failed; see <see cref="TryPhases"/>.
/// </remarks>
internal struct TryStamps
{
    /// <summary>When the try began to wait: for a free slot (first try) or through the retry backoff (later tries).</summary>
    public long Queued;

    /// <summary>When the try had its slot and began (the request is about to be sent or a connection opened).</summary>
    public long Started;

    /// <summary>When a new connection began to open for this try; 0 when a pooled connection was reused.</summary>
    public long ConnectStart;

    /// <summary>When that connection was open; 0 when a pooled connection was reused.</summary>
    public long ConnectEnd;

    /// <summary>
    /// When the request went out. 0 when the sender cannot observe it (HttpClient does not say): it is then taken as
    /// <see cref="ConnectEnd"/>, or <see cref="Started"/> on a reused connection.
    /// </summary>
    public long RequestSent;

    /// <summary>When the response headers arrived.</summary>
    public long FirstByte;

    /// <summary>When the last byte of the body was read.</summary>
    public long BodyEnd;

    /// <summary>When the try was over: the file flushed and renamed, or the failure seen.</summary>
    public long Ended;
}
