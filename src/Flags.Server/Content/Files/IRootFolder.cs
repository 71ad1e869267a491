using Microsoft.Win32.SafeHandles;

namespace Flags.Server.Content.Files;

/// <summary>
/// Files below a root folder, reached component by component without following any symbolic link, so that what is
/// checked is what is read (issue 16 part 7).
/// </summary>
internal interface IRootFolder : IDisposable
{
    /// <summary>Describes <c>root/components...</c> without following a link on the way or at the end.</summary>
    LookupResult Stat(IReadOnlyList<string> components, out FileIdentity identity);

    /// <summary>
    /// Describes <c>root/relativePath</c> in one call: links on the way are followed, a link at the end is not
    /// (reported as <see cref="LookupResult.Link"/>). Good only to confirm that a name still refers to an inode
    /// read safely before (same device, inode, size and times), never to decide what to read.
    /// </summary>
    LookupResult StatFollowingParents(string relativePath, out FileIdentity identity);

    /// <summary>
    /// Opens <c>root/components...</c> for reading without following a link on the way or at the end; the identity
    /// is read from the open handle, so it describes exactly the file that will be read.
    /// </summary>
    LookupResult Open(IReadOnlyList<string> components, out SafeFileHandle? handle, out FileIdentity identity);

    /// <summary>Describes the file behind an open handle (to see whether it changed while it was read).</summary>
    FileIdentity Describe(SafeFileHandle handle);
}
