namespace Flags.Engine;

/// <summary>A job source that cannot be used once opened (the run ends with exit code 1): the message is the one line to print.</summary>
internal sealed class JobSourceException : Exception
{
    /// <summary>Creates the exception with the line to print.</summary>
    public JobSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public JobSourceException()
    {
    }

    /// <summary>Creates the exception with the line to print and a cause.</summary>
    public JobSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
