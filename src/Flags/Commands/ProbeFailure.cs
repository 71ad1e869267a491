namespace Flags.Commands;

/// <summary>Why the probe could not reach the server, and the remedy the "Cannot reach" line gives.</summary>
/// <param name="Reason">The cause, e.g. "Connection refused".</param>
/// <param name="Remedy">What to do, one sentence.</param>
internal sealed record ProbeFailure(string Reason, string Remedy)
{
    /// <summary>The remedy when nothing answers.</summary>
    public const string NotRunning = "Is the server running? Try -s LOCAL for the embedded one.";
}
