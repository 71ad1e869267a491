namespace Flags.Engine;

/// <summary>One try had no complete answer within --timeout; another try may follow.</summary>
internal sealed class TryTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for a try cut off after <paramref name="limit"/>.</summary>
    public TryTimeoutException(TimeSpan limit)
        : base($"no complete answer within {limit.TotalSeconds:0.###}s")
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TryTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TryTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TryTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
