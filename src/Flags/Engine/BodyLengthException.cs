namespace Flags.Engine;

/// <summary>
/// The body's length differs from the Content-Length the server announced: shorter (the connection ended early) or
/// longer (the server sent more than it said). Either way the file is not kept and the try counts as failed.
/// </summary>
internal sealed class BodyLengthException : IOException
{
    /// <summary>Creates the exception for <paramref name="received"/> bytes where <paramref name="expected"/> were announced.</summary>
    public BodyLengthException(long received, long expected)
        : base($"body was {received} bytes, Content-Length said {expected}")
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public BodyLengthException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BodyLengthException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BodyLengthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
