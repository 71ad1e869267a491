using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Flags.Server.Content.Files;

/// <summary>
/// The race-free walk on Linux: the root is opened once; each component is opened relative to the previous one
/// with <c>O_NOFOLLOW</c> (<c>openat</c>), so a name swapped for a link between two requests, or in the middle of
/// one, makes the open fail (<c>ELOOP</c> / <c>ENOTDIR</c>) instead of leaving the root. The file is then read
/// through the handle that was checked.
/// </summary>
internal sealed class LinuxRootFolder : IRootFolder
{
    private readonly SafeFileHandle _root;

    /// <summary>Opens <paramref name="realRoot"/>, a link-free full path.</summary>
    public LinuxRootFolder(string realRoot)
    {
        int fd = LinuxLibC.Open(realRoot, LinuxLibC.OReadOnly | LinuxLibC.ODirectory | LinuxLibC.OCloseOnExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new DirectoryNotFoundException($"Flag root '{realRoot}' cannot be opened ({Marshal.GetPInvokeErrorMessage(errno)}).");
        }
        _root = new SafeFileHandle(fd, ownsHandle: true);
    }

    public LookupResult Stat(IReadOnlyList<string> components, out FileIdentity identity) =>
        Walk(components, open: false, out _, out identity);

    public LookupResult StatFollowingParents(string relativePath, out FileIdentity identity)
    {
        identity = default;
        bool added = false;
        _root.DangerousAddRef(ref added);
        try
        {
            if (LinuxLibC.Statx((int)_root.DangerousGetHandle(), relativePath, LinuxLibC.AtSymlinkNoFollow, LinuxLibC.StatxBasic, out StatxBuffer status) != 0)
            {
                return Failure();
            }
            identity = status.ToIdentity();
            return identity.Kind == EntryKind.Link ? LookupResult.Link : LookupResult.Found;
        }
        finally
        {
            _root.DangerousRelease();
        }
    }

    public LookupResult Open(IReadOnlyList<string> components, out SafeFileHandle? handle, out FileIdentity identity) =>
        Walk(components, open: true, out handle, out identity);

    /// <summary>Opens the parents without links, then describes (or opens) the last component without following it.</summary>
    private LookupResult Walk(IReadOnlyList<string> components, bool open, out SafeFileHandle? handle, out FileIdentity identity)
    {
        handle = null;
        identity = default;
        bool added = false;
        _root.DangerousAddRef(ref added);
        int directory = -1;
        try
        {
            LookupResult walked = OpenParent(components, out directory);
            if (walked != LookupResult.Found)
            {
                return walked;
            }
            if (!open)
            {
                if (LinuxLibC.Statx(directory, components[^1], LinuxLibC.AtSymlinkNoFollow, LinuxLibC.StatxBasic, out StatxBuffer status) != 0)
                {
                    return Failure();
                }
                identity = status.ToIdentity();
                return identity.Kind == EntryKind.Link ? LookupResult.Link : LookupResult.Found;
            }
            int fd = LinuxLibC.OpenAt(directory, components[^1], FileFlags);
            if (fd < 0)
            {
                return Failure();
            }
            handle = new SafeFileHandle(fd, ownsHandle: true);
            identity = Describe(handle);
            return LookupResult.Found;
        }
        finally
        {
            CloseUnlessRoot(directory);
            _root.DangerousRelease();
        }
    }

    public FileIdentity Describe(SafeFileHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle.DangerousGetHandle();
            return LinuxLibC.Statx(fd, string.Empty, LinuxLibC.AtEmptyPath, LinuxLibC.StatxBasic, out StatxBuffer status) == 0
                ? status.ToIdentity()
                : throw new IOException($"statx failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    public void Dispose() => _root.Dispose();

    private static int FileFlags => LinuxLibC.OReadOnly | LinuxLibC.ONoFollow | LinuxLibC.ONonBlock | LinuxLibC.OCloseOnExec;

    private static int DirectoryFlags => LinuxLibC.OReadOnly | LinuxLibC.ODirectory | LinuxLibC.ONoFollow | LinuxLibC.OCloseOnExec;

    /// <summary>Opens every component but the last, each relative to the one before and none through a link.</summary>
    private LookupResult OpenParent(IReadOnlyList<string> components, out int directory)
    {
        directory = (int)_root.DangerousGetHandle();
        for (int i = 0; i < components.Count - 1; i++)
        {
            int next = LinuxLibC.OpenAt(directory, components[i], DirectoryFlags);
            int errno = next < 0 ? Marshal.GetLastPInvokeError() : 0;
            CloseUnlessRoot(directory);
            directory = next;
            if (next < 0)
            {
                return errno == LinuxLibC.ENOENT ? LookupResult.Missing : LookupResult.Link;
            }
        }
        return LookupResult.Found;
    }

    /// <summary>ENOENT is a missing name; anything else (ELOOP, ENOTDIR, EACCES...) is refused as a link would be.</summary>
    private static LookupResult Failure() =>
        Marshal.GetLastPInvokeError() == LinuxLibC.ENOENT ? LookupResult.Missing : LookupResult.Link;

    private void CloseUnlessRoot(int fd)
    {
        if (fd >= 0 && fd != (int)_root.DangerousGetHandle())
        {
            LinuxLibC.Close(fd);
        }
    }
}
