using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Futures.ProcessPool;

/// <summary>
/// Turns an exception reported by a worker back into an exception here: the original type when it loads in this process
/// and a (string, Exception) or (string) constructor reproduces the same message; otherwise a
/// <see cref="RemoteWorkerException"/> that names the type. Either way the worker's stack text is kept: in the
/// exception's StackTrace (and so in ToString()), and in Data["RemoteStackTrace"] with Data["WorkerProcessId"].
/// </summary>
[RequiresUnreferencedCode("Rebuilding an exception loads its type by name.")]
internal static class RemoteExceptions
{
    public static Exception Rebuild(RemoteError error, int workerPid)
    {
        var inner = error.Inner is null ? null : Rebuild(error.Inner, workerPid);
        var exception = TryRebuild(error, inner) ?? new RemoteWorkerException(error.TypeName, error.Message, error.StackTrace, inner);
        exception.Data["WorkerProcessId"] = workerPid;
        if (!string.IsNullOrEmpty(error.StackTrace))
        {
            exception.Data["RemoteStackTrace"] = error.StackTrace;
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, $"{error.StackTrace}{Environment.NewLine}--- End of stack trace in worker process {workerPid} ---{Environment.NewLine}");
        }

        return exception;
    }

    private static Exception? TryRebuild(RemoteError error, Exception? inner)
    {
        if (error.AssemblyQualifiedName is null)
        {
            return null;
        }

        try
        {
            var type = Type.GetType(error.AssemblyQualifiedName, throwOnError: false);
            if (type is null || type.IsAbstract || !typeof(Exception).IsAssignableFrom(type))
            {
                return null;
            }

            Exception? rebuilt = null;
            if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
            {
                rebuilt = (Exception)withInner.Invoke([error.Message, inner]);
            }
            else if (inner is null && type.GetConstructor([typeof(string)]) is { } plain)
            {
                rebuilt = (Exception)plain.Invoke([error.Message]);
            }

            // A type that formats its own message (or treats the string as something else) is not rebuilt faithfully.
            return rebuilt?.Message == error.Message ? rebuilt : null;
        }
#pragma warning disable CA1031 // Any failure to rebuild falls back to RemoteWorkerException, which keeps everything.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
