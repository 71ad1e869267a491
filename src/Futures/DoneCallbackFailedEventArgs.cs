namespace Futures;

/// <summary>The exception that a done-callback threw; see <see cref="Future.DoneCallbackFailed"/>.</summary>
/// <param name="exception">What the callback threw.</param>
public sealed class DoneCallbackFailedEventArgs(Exception exception) : EventArgs
{
    /// <summary>What the callback threw.</summary>
    public Exception Exception { get; } = exception;
}
