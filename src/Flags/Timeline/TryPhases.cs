namespace Flags.Timeline;

/// <summary>
/// One try's phase boundaries in seconds from the run's origin, ordered: <see cref="Queued"/> &lt;= <see cref="Started"/>
/// &lt;= <see cref="RequestSent"/> &lt;= <see cref="FirstByte"/> &lt;= <see cref="BodyEnd"/> &lt;= <see cref="Ended"/>, so the
/// five phases are consecutive and add up to <see cref="Ended"/> - <see cref="Queued"/>.
/// </summary>
internal readonly record struct TryPhases(double Queued, double Started, double RequestSent, double FirstByte, double BodyEnd, double Ended)
{
    /// <summary>The phase names, in order, as CSS classes and legend entries use them.</summary>
    public static readonly string[] Names = ["waiting", "connecting", "first byte", "receiving", "saving"];

    /// <summary>Waiting for a slot, or through the backoff before a retry.</summary>
    public double Waiting => Started - Queued;

    /// <summary>From the start to the request on the wire: waiting for a pooled connection and opening a new one.</summary>
    public double Connecting => RequestSent - Started;

    /// <summary>From the request sent to the response headers.</summary>
    public double WaitingForFirstByte => FirstByte - RequestSent;

    /// <summary>Reading the body (and writing it to the .part file as it comes).</summary>
    public double Receiving => BodyEnd - FirstByte;

    /// <summary>Flushing and renaming the file.</summary>
    public double Saving => Ended - BodyEnd;

    /// <summary>The whole try, waiting included.</summary>
    public double Duration => Ended - Queued;

    /// <summary>The phase boundaries of <paramref name="stamps"/>, with missing stages filled as <see cref="TryStamps"/> describes.</summary>
    public static TryPhases From(in TryStamps stamps, long origin, double ticksPerSecond)
    {
        var ended = stamps.Ended != 0 ? stamps.Ended : Math.Max(stamps.Started, stamps.Queued);
        var started = Clamp(stamps.Started != 0 ? stamps.Started : ended, long.MinValue, ended);
        var queued = stamps.Queued != 0 ? Math.Min(stamps.Queued, started) : started;
        var bodyEnd = Clamp(stamps.BodyEnd != 0 ? stamps.BodyEnd : ended, started, ended);
        var firstByte = Clamp(stamps.FirstByte != 0 ? stamps.FirstByte : bodyEnd, started, bodyEnd);

        // An unobserved send is the connect end (or the start); but a try that never got headers spent its time connecting.
        var sent = stamps.RequestSent != 0 ? stamps.RequestSent
            : stamps.FirstByte != 0 ? Math.Max(started, stamps.ConnectEnd)
            : firstByte;
        sent = Clamp(sent, started, firstByte);
        double S(long t) => (t - origin) / ticksPerSecond;
        return new TryPhases(S(queued), S(started), S(sent), S(firstByte), S(bodyEnd), S(ended));
    }

    private static long Clamp(long value, long low, long high) => Math.Min(Math.Max(value, low), high);
}
