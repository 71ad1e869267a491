namespace Flags.Engine.BigFiles;

/// <summary>A range of a split download came back as the whole file: it changed on the server. The whole try fails (the next starts over).</summary>
internal sealed class FileChangedException : IOException
{
    /// <summary>Creates the exception with no message.</summary>
    public FileChangedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FileChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FileChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
