namespace Flags.Server.Content.Files;

/// <summary>
/// What a directory entry is, read without following a link: enough to tell whether a cached body was read from
/// this very file, unchanged (same device and inode, size and change times).
/// </summary>
/// <param name="Kind">A regular file, a directory, a link, or something else.</param>
/// <param name="Device">The device number (0 where the platform does not report it).</param>
/// <param name="Inode">The inode number (0 where the platform does not report it).</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="Modified">The last write time, UTC.</param>
/// <param name="ChangedTicks">The status change time in ticks (0 where the platform does not report it).</param>
internal readonly record struct FileIdentity(EntryKind Kind, ulong Device, ulong Inode, long Length, DateTime Modified, long ChangedTicks);

/// <summary>The kinds of directory entry the content source tells apart.</summary>
internal enum EntryKind
{
    /// <summary>A regular file: the only kind ever served.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Link,

    /// <summary>Something else (device, pipe, socket): never served.</summary>
    Other,
}

/// <summary>How a look-up below the root ended.</summary>
internal enum LookupResult
{
    /// <summary>Every component exists and none is a link.</summary>
    Found,

    /// <summary>A component (or the file) does not exist.</summary>
    Missing,

    /// <summary>A component is a symbolic link (or not a directory): resolve it carefully, or refuse.</summary>
    Link,
}
