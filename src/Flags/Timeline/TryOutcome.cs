namespace Flags.Timeline;

/// <summary>How one try ended, as the timeline colours it.</summary>
internal enum TryOutcome : byte
{
    /// <summary>The body was saved.</summary>
    Ok,

    /// <summary>The server answered 404 or 410: a result, not a failure.</summary>
    NotFound,

    /// <summary>
    /// The try failed. Record every failed try as Error: a failed try that is followed by another try of the same
    /// job is drawn as <see cref="Retried"/>.
    /// </summary>
    Error,

    /// <summary>The try failed and the job tried again (the recorder may pass it explicitly).</summary>
    Retried,
}
