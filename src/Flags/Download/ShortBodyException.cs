namespace Flags.Download;

/// <summary>The body's length differs from the Content-Length the server announced.</summary>
internal sealed class ShortBodyException : IOException
{
    /// <summary>Creates the exception for <paramref name="received"/> bytes out of <paramref name="expected"/>.</summary>
    public ShortBodyException(long received, long expected)
        : base($"body was {received} bytes, Content-Length said {expected}")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ShortBodyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ShortBodyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ShortBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
