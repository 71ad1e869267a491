using System.Runtime.InteropServices;

namespace Flags.Server.Content.Files;

/// <summary>
/// The few Linux calls the BCL does not offer: <c>openat</c> with <c>O_NOFOLLOW</c>, <c>statx</c> (glibc 2.28+) and
/// the socket send-queue <c>ioctl</c>.
/// Source-generated (<see cref="LibraryImportAttribute"/>), so Native AOT safe.
/// </summary>
internal static partial class LinuxLibC
{
    public const int ENOENT = 2;

    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;

    // STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE
    public const uint StatxBasic = 0x1 | 0x2 | 0x40 | 0x80 | 0x100 | 0x200;

    public const int OReadOnly = 0;
    public const int ONonBlock = 0x800; // a FIFO put in the root must not hang the open
    public const int OCloseOnExec = 0x80000;

    private const string Library = "libc";

    /// <summary><c>O_DIRECTORY</c>: 040000 on ARM and POWER, 0200000 on x86 and the generic ABI.</summary>
    public static int ODirectory { get; } = IsArmLike ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c>: 0100000 on ARM and POWER, 0400000 on x86 and the generic ABI.</summary>
    public static int ONoFollow { get; } = IsArmLike ? 0x8000 : 0x20000;

    private static bool IsArmLike => RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le;

    /// <summary><c>open(2)</c> without a mode (never with <c>O_CREAT</c>), so the variadic argument is never read.</summary>
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary><c>openat(2)</c> without a mode.</summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int directory, string path, int flags);

    /// <summary><c>statx(2)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary><c>TIOCOUTQ</c> (= <c>SIOCOUTQ</c>): bytes in a socket's send queue, on x86 and ARM.</summary>
    public const nuint TiocOutQ = 0x5411;

    /// <summary><c>ioctl(2)</c> with an <c>int</c> result.</summary>
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, out int value);

    /// <summary><c>close(2)</c>.</summary>
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}

/// <summary><c>struct statx</c>: the same layout on every Linux architecture (256 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    private const ushort TypeMask = 0xF000;

    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(96)] public long ChangedSeconds;
    [FieldOffset(104)] public uint ChangedNanoseconds;
    [FieldOffset(112)] public long ModifiedSeconds;
    [FieldOffset(120)] public uint ModifiedNanoseconds;
    [FieldOffset(136)] public uint DeviceMajor;
    [FieldOffset(140)] public uint DeviceMinor;

    public readonly EntryKind Kind => (Mode & TypeMask) switch
    {
        0x8000 => EntryKind.File,
        0x4000 => EntryKind.Directory,
        0xA000 => EntryKind.Link,
        _ => EntryKind.Other,
    };

    public readonly FileIdentity ToIdentity() => new(
        Kind,
        ((ulong)DeviceMajor << 32) | DeviceMinor,
        Inode,
        (long)Size,
        DateTime.UnixEpoch.AddTicks((ModifiedSeconds * TimeSpan.TicksPerSecond) + (ModifiedNanoseconds / 100)),
        (ChangedSeconds * TimeSpan.TicksPerSecond) + (ChangedNanoseconds / 100));
}
