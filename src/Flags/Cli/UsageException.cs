namespace Flags.Cli;

/// <summary>Bad input found before any request: the message is the one line the user sees; the exit code is 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the line to print.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception with the line to print and a cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
