namespace Futures;

/// <summary>
/// An exception thrown by work in a <see cref="ProcessPoolExecutor"/> worker whose type could not be rebuilt in this
/// process (it is not loadable here, has no (string) or (string, Exception) constructor, or formats its own message).
/// It keeps the original type's name, message and stack text. Exceptions whose type can be rebuilt come back as that
/// type instead, with the worker's stack in their <see cref="Exception.StackTrace"/>.
/// </summary>
public sealed class RemoteWorkerException : Exception
{
    /// <summary>Creates the exception with the default message.</summary>
    public RemoteWorkerException()
        : this("System.Exception", "An exception was thrown in a worker process.", null, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteWorkerException(string? message)
        : this("System.Exception", message ?? "", null, null)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public RemoteWorkerException(string? message, Exception? innerException)
        : this("System.Exception", message ?? "", null, innerException)
    {
    }

    /// <summary>Creates the exception for a remote exception of type <paramref name="remoteTypeName"/>.</summary>
    /// <param name="remoteTypeName">The full name of the exception's type in the worker.</param>
    /// <param name="remoteMessage">Its message.</param>
    /// <param name="remoteStackTrace">Its stack trace text in the worker, if any.</param>
    /// <param name="innerException">Its inner exception, rebuilt.</param>
    public RemoteWorkerException(string remoteTypeName, string remoteMessage, string? remoteStackTrace, Exception? innerException)
        : base($"{remoteTypeName}: {remoteMessage}", innerException)
    {
        ArgumentNullException.ThrowIfNull(remoteTypeName);
        ArgumentNullException.ThrowIfNull(remoteMessage);
        RemoteTypeName = remoteTypeName;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception's type in the worker, e.g. <c>MyApp.QuotaExceededException</c>.</summary>
    public string RemoteTypeName { get; }

    /// <summary>The exception's message in the worker.</summary>
    public string RemoteMessage { get; }

    /// <summary>The stack trace text in the worker, if it had one.</summary>
    public string? RemoteStackTrace { get; }
}
