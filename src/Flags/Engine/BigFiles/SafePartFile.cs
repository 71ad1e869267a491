using System.Runtime.InteropServices;
using Flags.Server.Content.Files;
using Microsoft.Win32.SafeHandles;

namespace Flags.Engine.BigFiles;

/// <summary>
/// Opens .part files and sidecars so that a swapped symlink cannot redirect the write: a new file is created with
/// <c>O_CREAT|O_EXCL</c> (<see cref="FileMode.CreateNew"/>), which never follows a link at the final component; an
/// existing one is reopened with <c>O_NOFOLLOW</c> on Linux, so a link put in its place fails the open (ELOOP) instead
/// of being written through. Elsewhere the entry is checked not to be a link right before the open.
/// </summary>
internal static class SafePartFile
{
    private const int OReadWrite = 2;
    private const int OReadOnly = 0;

    /// <summary>Removes whatever is at <paramref name="path"/> (a link itself, never its target) and creates an empty file there.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="preallocate">Bytes to reserve on disk (the final size of a split download), or 0.</param>
    /// <exception cref="IOException">The file could not be created.</exception>
    public static SafeFileHandle CreateNew(string path, long preallocate = 0)
    {
        Delete(path);
        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None, preallocate);
    }

    /// <summary>Opens the existing regular file at <paramref name="path"/> without following a link there.</summary>
    /// <exception cref="IOException">It is missing, a link, or cannot be opened.</exception>
    public static SafeFileHandle OpenExisting(string path, bool write)
    {
        if (OperatingSystem.IsLinux())
        {
            var fd = LinuxLibC.Open(path, (write ? OReadWrite : OReadOnly) | LinuxLibC.ONoFollow | LinuxLibC.OCloseOnExec);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot open '{Path.GetFileName(path)}' ({Marshal.GetPInvokeErrorMessage(errno)}); a link there is never followed");
            }

            return new SafeFileHandle(fd, ownsHandle: true);
        }

        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new IOException($"'{Path.GetFileName(path)}' is a link; a link there is never followed");
        }

        return File.OpenHandle(path, FileMode.Open, write ? FileAccess.ReadWrite : FileAccess.Read, FileShare.None);
    }

    /// <summary>Deletes <paramref name="path"/> if it is there (a link is removed, not followed); never throws for a missing file.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort; a later create fails with the real reason.
        }
    }
}
