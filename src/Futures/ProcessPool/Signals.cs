using System.Runtime.InteropServices;

namespace Futures.ProcessPool;

/// <summary>Sends a POSIX signal to a process: .NET's Process.Kill sends only SIGKILL, and TerminateWorkers needs SIGTERM.</summary>
internal static class Signals
{
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false if the process is gone or cannot be signalled.</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    // DllImport, not LibraryImport: a blittable signature needs no generated stub, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
