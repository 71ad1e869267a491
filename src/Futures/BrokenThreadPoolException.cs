namespace Futures;

/// <summary>A <see cref="ThreadPoolExecutor"/> worker's initializer threw; the pool is broken (Python's BrokenThreadPool).</summary>
public sealed class BrokenThreadPoolException : BrokenExecutorException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenThreadPoolException()
        : base("A thread initializer failed; the thread pool is broken.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenThreadPoolException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it (the initializer's).</summary>
    public BrokenThreadPoolException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
