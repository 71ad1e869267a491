namespace Flags.Engine.BigFiles;

/// <summary>
/// The saved body's digest is not the one the list line or --checksum asked for. Never retried (the server would send
/// the same bytes); the file is not kept.
/// </summary>
internal sealed class ChecksumMismatchException : Exception
{
    /// <summary>Creates the exception naming both digests.</summary>
    public ChecksumMismatchException(ExpectedDigest expected, string actualHex)
        : base($"checksum mismatch: expected {expected}, got {expected.Algorithm.Name()}={actualHex}; the file was not kept")
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ChecksumMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChecksumMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ChecksumMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
