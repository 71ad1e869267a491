namespace Flags.Timeline;

/// <summary>
/// Where <see cref="TimelineConnect"/> stamps the connection a request opened. Set one on the request's options
/// (<see cref="TimelineConnect.Key"/>) before sending it and copy the stamps into the try's <see cref="TryStamps"/>
/// afterwards; both stay 0 when the request reused a pooled connection.
/// </summary>
internal sealed class ConnectStamps
{
    /// <summary>When the connection began to open (a <see cref="TimelineRecorder.Now"/> timestamp).</summary>
    public long Start { get; set; }

    /// <summary>When it was open.</summary>
    public long End { get; set; }
}
