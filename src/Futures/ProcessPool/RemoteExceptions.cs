using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Futures.ProcessPool;

/// <summary>
/// Turns an exception reported by a worker back into an exception here: the original type when this process can make
/// one whose message is the same (from the common exceptions of .NET listed here, the application's exception types
/// the source generator registered, or, under the JIT, any type with a (string, Exception) or (string) constructor
/// found by reflection); otherwise a <see cref="RemoteWorkerException"/> that names the type. Either way the worker's
/// stack text is kept: in the exception's StackTrace (and so in ToString()), and in Data["RemoteStackTrace"] with
/// Data["WorkerProcessId"].
/// </summary>
internal static class RemoteExceptions
{
    /// <summary>Made without reflection, so they come back as themselves in a Native AOT app too.</summary>
#pragma warning disable CA2201 // Not thrown here: rebuilt as what the worker threw, reserved types included.
    private static readonly Dictionary<string, Func<string, Exception?, Exception>> s_common = new(StringComparer.Ordinal)
    {
        [typeof(Exception).FullName!] = (m, i) => new Exception(m, i),
        [typeof(ArgumentException).FullName!] = (m, i) => new ArgumentException(m, i),
        [typeof(ArgumentNullException).FullName!] = (m, i) => new ArgumentNullException(m, i),
        [typeof(ArgumentOutOfRangeException).FullName!] = (m, i) => new ArgumentOutOfRangeException(m, i),
        [typeof(InvalidOperationException).FullName!] = (m, i) => new InvalidOperationException(m, i),
        [typeof(NotSupportedException).FullName!] = (m, i) => new NotSupportedException(m, i),
        [typeof(NotImplementedException).FullName!] = (m, i) => new NotImplementedException(m, i),
        [typeof(ArithmeticException).FullName!] = (m, i) => new ArithmeticException(m, i),
        [typeof(DivideByZeroException).FullName!] = (m, i) => new DivideByZeroException(m, i),
        [typeof(OverflowException).FullName!] = (m, i) => new OverflowException(m, i),
        [typeof(FormatException).FullName!] = (m, i) => new FormatException(m, i),
        [typeof(InvalidCastException).FullName!] = (m, i) => new InvalidCastException(m, i),
        [typeof(NullReferenceException).FullName!] = (m, i) => new NullReferenceException(m, i),
        [typeof(IndexOutOfRangeException).FullName!] = (m, i) => new IndexOutOfRangeException(m, i),
        [typeof(KeyNotFoundException).FullName!] = (m, i) => new KeyNotFoundException(m, i),
        [typeof(TimeoutException).FullName!] = (m, i) => new TimeoutException(m, i),
        [typeof(OperationCanceledException).FullName!] = (m, i) => new OperationCanceledException(m, i),
        [typeof(TaskCanceledException).FullName!] = (m, i) => new TaskCanceledException(m, i),
        [typeof(ObjectDisposedException).FullName!] = (m, i) => new ObjectDisposedException(m, i),
        [typeof(UnauthorizedAccessException).FullName!] = (m, i) => new UnauthorizedAccessException(m, i),
        [typeof(IOException).FullName!] = (m, i) => new IOException(m, i),
        [typeof(FileNotFoundException).FullName!] = (m, i) => new FileNotFoundException(m, i),
        [typeof(DirectoryNotFoundException).FullName!] = (m, i) => new DirectoryNotFoundException(m, i),
        [typeof(System.Text.Json.JsonException).FullName!] = (m, i) => new System.Text.Json.JsonException(m, i),
    };
#pragma warning restore CA2201

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
        try
        {
            var made = s_common.TryGetValue(error.TypeName, out var create)
                ? create(error.Message, inner)
                : ProcessPoolRegistry.CreateException(error.TypeName, error.Message, inner);
            if (made is not null)
            {
                return made.Message == error.Message ? made : null;
            }
        }
#pragma warning disable CA1031 // A constructor that throws falls back to RemoteWorkerException, which keeps everything.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        return RuntimeFeature.IsDynamicCodeSupported ? TryReflect(error, inner) : null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only under the JIT (RuntimeFeature.IsDynamicCodeSupported).")]
    [UnconditionalSuppressMessage("Trimming", "IL2057", Justification = "Reached only under the JIT; a type that is gone gives RemoteWorkerException.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Reached only under the JIT; a constructor that is gone gives RemoteWorkerException.")]
    [UnconditionalSuppressMessage("Trimming", "IL2073", Justification = "Reached only under the JIT; a constructor that is gone gives RemoteWorkerException.")]
    private static Exception? TryReflect(RemoteError error, Exception? inner)
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
