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

    /// <summary>
    /// Creates an empty file at <paramref name="path"/> for writing in as few calls as the system allows: on Linux one
    /// <c>open(O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC)</c>, and only if something is already there (a stale .part, a link)
    /// one <c>unlink</c> of that entry and one more open; elsewhere <see cref="CreateNew"/>.
    /// </summary>
    /// <exception cref="IOException">The file could not be created.</exception>
    public static SafeFileHandle CreateForWrite(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return CreateNew(path);
        }

        var flags = PartFileCalls.OWriteOnly | PartFileCalls.OCreate | PartFileCalls.OExclusive | LinuxLibC.ONoFollow | LinuxLibC.OCloseOnExec;
        var fd = PartFileCalls.Open(path, flags, PartFileCalls.ModeReadWriteAll);
        if (fd < 0 && Marshal.GetLastPInvokeError() == PartFileCalls.EExist && PartFileCalls.Unlink(path) == 0)
        {
            fd = PartFileCalls.Open(path, flags, PartFileCalls.ModeReadWriteAll);
        }

        if (fd < 0)
        {
            throw Failed("create", path, Marshal.GetLastPInvokeError());
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Writes all of <paramref name="bytes"/> at <paramref name="offset"/>, the file's current end (one <c>write</c> on Linux).</summary>
    /// <exception cref="IOException">The write failed (disk full, I/O error).</exception>
    public static void Write(SafeFileHandle file, ReadOnlySpan<byte> bytes, long offset, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.Write(file, bytes, offset);
            return;
        }

        // Files made by CreateForWrite are only ever appended to, so the file offset is already at the end.
        while (!bytes.IsEmpty)
        {
            var written = PartFileCalls.Write(file, bytes, bytes.Length);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == PartFileCalls.EIntr)
                {
                    continue;
                }

                throw Failed("write", path, errno);
            }

            bytes = bytes[(int)written..];
        }
    }

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/> (a file or link there is replaced, never followed).</summary>
    /// <exception cref="IOException">The rename failed.</exception>
    public static void Replace(string from, string to)
    {
        if (!OperatingSystem.IsLinux())
        {
            File.Move(from, to, overwrite: true);
            return;
        }

        if (PartFileCalls.Rename(from, to) != 0)
        {
            throw Failed("rename to", to, Marshal.GetLastPInvokeError());
        }
    }

    private static IOException Failed(string what, string path, int errno) =>
        new($"Cannot {what} '{Path.GetFileName(path)}' ({Marshal.GetPInvokeErrorMessage(errno)})");

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
