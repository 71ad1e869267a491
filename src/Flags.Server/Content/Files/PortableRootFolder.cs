using Microsoft.Win32.SafeHandles;

namespace Flags.Server.Content.Files;

/// <summary>
/// The walk where the BCL is all there is (Windows, macOS): each component is checked for a link, then the file is
/// opened by path and checked again through the handle's size and time. A link swapped in between the check and
/// the open can still be followed here; Linux uses <see cref="LinuxRootFolder"/>, which closes that window.
/// </summary>
internal sealed class PortableRootFolder(string realRoot) : IRootFolder
{
    public LookupResult Stat(IReadOnlyList<string> components, out FileIdentity identity)
    {
        identity = default;
        string current = realRoot;
        for (int i = 0; i < components.Count; i++)
        {
            current = Path.Join(current, components[i]);
            FileSystemInfo entry = i < components.Count - 1 ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.LinkTarget is not null)
            {
                return LookupResult.Link;
            }
            if (!entry.Exists)
            {
                return LookupResult.Missing;
            }
            if (entry is FileInfo file)
            {
                identity = new FileIdentity(EntryKind.File, 0, 0, file.Length, file.LastWriteTimeUtc, 0);
            }
        }
        return LookupResult.Found;
    }

    public LookupResult StatFollowingParents(string relativePath, out FileIdentity identity) =>
        Stat(relativePath.Split('/'), out identity);

    public LookupResult Open(IReadOnlyList<string> components, out SafeFileHandle? handle, out FileIdentity identity)
    {
        handle = null;
        LookupResult checkedResult = Stat(components, out identity);
        if (checkedResult != LookupResult.Found)
        {
            return checkedResult;
        }
        try
        {
            handle = File.OpenHandle(Path.Join([realRoot, .. components]), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return LookupResult.Missing;
        }
        identity = Describe(handle);
        return LookupResult.Found;
    }

    public FileIdentity Describe(SafeFileHandle handle) =>
        new(EntryKind.File, 0, 0, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle), 0);

    public void Dispose()
    {
        // Nothing is held open between requests.
    }
}
