namespace Futures;

/// <summary>
/// A <see cref="ProcessPoolExecutor"/> worker process died (it exited, crashed or was killed) or its initializer threw;
/// the pool is broken (Python's BrokenProcessPool). Every pending future fails with it and later submissions are refused.
/// </summary>
public sealed class BrokenProcessPoolException : BrokenExecutorException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenProcessPoolException()
        : base("A worker process died or failed to start; the process pool is broken.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenProcessPoolException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BrokenProcessPoolException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
