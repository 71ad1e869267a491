namespace Futures;

/// <summary>Thrown when the result or exception of a cancelled <see cref="Future"/> is asked for (Python's CancelledError).</summary>
public sealed class FutureCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception with the default message.</summary>
    public FutureCancelledException()
        : base("The future was cancelled before it ran; it has no result.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FutureCancelledException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public FutureCancelledException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
