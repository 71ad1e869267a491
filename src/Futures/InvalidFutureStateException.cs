namespace Futures;

/// <summary>
/// Thrown when an operation does not fit a <see cref="Future"/>'s state, such as setting the result of a future that is
/// already done (Python's InvalidStateError).
/// </summary>
public sealed class InvalidFutureStateException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public InvalidFutureStateException()
        : base("The operation does not fit the future's state.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidFutureStateException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InvalidFutureStateException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
