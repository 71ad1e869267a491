using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Flags.Engine.BigFiles;

/// <summary>
/// The Linux calls behind the one-call-each save of a small file: <c>open</c> with a mode (the BCL's create adds a
/// stat of the folder, an <c>flock</c> and <c>lseek</c>s), <c>write</c>, <c>rename</c> (<see cref="File.Move(string, string, bool)"/>
/// adds an <c>lstat</c>) and <c>unlink</c>. Source-generated, so Native AOT safe. The flags that differ by
/// architecture (<c>O_NOFOLLOW</c>) and <c>O_CLOEXEC</c> are <see cref="Flags.Server.Content.Files.LinuxLibC"/>'s.
/// </summary>
internal static partial class PartFileCalls
{
    public const int EIntr = 4;
    public const int EExist = 17;

    public const int OWriteOnly = 1;
    public const int OCreate = 0x40;
    public const int OExclusive = 0x80;

    /// <summary>rw-rw-rw- before the umask, as <see cref="File.Create(string)"/> makes files.</summary>
    public const int ModeReadWriteAll = 0x1B6;

    private const string Library = "libc";

    /// <summary><c>open(2)</c> with a mode (its variadic argument is passed as an int, as the Linux ABIs do).</summary>
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    /// <summary><c>write(2)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileHandle fd, ReadOnlySpan<byte> buffer, nint count);

    /// <summary><c>rename(2)</c>: replaces a file or link at <paramref name="to"/>, never follows it.</summary>
    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);

    /// <summary><c>unlink(2)</c>: removes a link itself, never its target.</summary>
    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlink(string path);
}
