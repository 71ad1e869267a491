namespace Futures.Orleans;

/// <summary>
/// A <see cref="ClusterExecutor"/> can no longer run work: a call failed on every attempt (lost silos, timeouts, no
/// gateway left). Every pending and running future fails with it and later submissions are refused with it. Its
/// InnerException is the last delivery failure.
/// </summary>
public sealed class BrokenClusterExecutorException : BrokenExecutorException
{
    /// <summary>Creates the exception with the default message.</summary>
    public BrokenClusterExecutorException()
        : base("A call to the cluster failed on every attempt; the ClusterExecutor is broken.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BrokenClusterExecutorException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BrokenClusterExecutorException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
