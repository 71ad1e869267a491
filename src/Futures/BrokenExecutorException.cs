namespace Futures;

/// <summary>
/// The executor can no longer run work: a worker failed to initialise or died. Pending futures fail with it and later
/// submissions are refused with it (Python's BrokenExecutor).
/// </summary>
public class BrokenExecutorException : InvalidOperationException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenExecutorException()
        : base("The executor is broken and can no longer run work.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenExecutorException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BrokenExecutorException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
