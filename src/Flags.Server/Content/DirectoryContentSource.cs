using System.Collections.Concurrent;
using Flags.Server.Content.Files;
using Microsoft.Win32.SafeHandles;

namespace Flags.Server.Content;

/// <summary>
/// Serves <c>{root}/{cc}/{cc}.gif</c> and <c>{root}/country_codes.txt</c>. Bodies are cached in memory and
/// revalidated on every request against the file's identity (device, inode, size, change times), so edits show at
/// once and a cached body is only ever served for the very file it was read from.
/// </summary>
/// <remarks>
/// Path safety: the request side only ever asks for two lower-case ASCII letters, so no name can climb out of the
/// root; the remaining way out is a symbolic link. Every component is reached without following links
/// (<see cref="IRootFolder"/>), and the body is read through the handle that was checked, so a name swapped for a
/// link between the check and the read cannot redirect it (issue 16 part 7). A link that stays inside the root is
/// still served: it is resolved to its real path inside the root, and that path is walked the same way.
/// </remarks>
internal sealed class DirectoryContentSource : IContentSource, IDisposable
{
    private const int MaxLinkHops = 16;
    private const long MaxFileBytes = 64L * 1024 * 1024;
    private static readonly RequestedPath CodesPath = new(["country_codes.txt"]);

    private readonly string _root;
    private readonly IRootFolder _folder;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestedPath> _flagPaths = new(StringComparer.Ordinal);

    /// <summary>Opens <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public DirectoryContentSource(string root)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(root));
        if (!directory.Exists)
        {
            throw new DirectoryNotFoundException($"Flag root '{root}' does not exist. Give a folder laid out as {{cc}}/{{cc}}.gif.");
        }
        _root = Path.TrimEndingDirectorySeparator(RealPath(directory.FullName));
        _folder = OperatingSystem.IsLinux() ? new LinuxRootFolder(_root) : new PortableRootFolder(_root);
    }

    /// <summary>The real (link-free) full path of the root.</summary>
    public string Root => _root;

    public ValueTask<StaticResource?> GetFlagAsync(string code, CancellationToken cancellationToken) =>
        Load(_flagPaths.GetOrAdd(code, static c => new RequestedPath([c, c + ".gif"])), "image/gif");

    public ValueTask<StaticResource?> GetCountryCodesAsync(CancellationToken cancellationToken) =>
        Load(CodesPath, "text/plain; charset=utf-8");

    public void Dispose() => _folder.Dispose();

    private ValueTask<StaticResource?> Load(RequestedPath requested, string contentType)
    {
        // The hot path, one system call: the name still refers to the very inode the cached body was read from
        // (through the safe walk below), unchanged. A link swapped in on the way leads to another inode (or, for
        // the last component, is reported as a link), and linking or renaming the file changes its ctime.
        if (_cache.TryGetValue(requested.Key, out CacheEntry? cached)
            && _folder.StatFollowingParents(requested.Key, out FileIdentity current) == LookupResult.Found
            && current == cached.Identity)
        {
            return ValueTask.FromResult<StaticResource?>(cached.Resource);
        }
        // The walk and the read on the thread pool: requests run inline on the socket threads (FlagServer).
        return new ValueTask<StaticResource?>(Task.Run(() => LoadUncached(requested, contentType)));
    }

    private StaticResource? LoadUncached(RequestedPath requested, string contentType)
    {
        string[] components = requested.Components;
        LookupResult found = _folder.Stat(components, out FileIdentity identity);
        if (found == LookupResult.Link)
        {
            // A link on the way: follow it only to a real path inside the root, then walk that path without links.
            if (ResolveInsideRoot(components) is not { } resolved || RelativeInsideRoot(resolved) is not { } relative)
            {
                return null;
            }
            components = SplitPath(relative);
            found = components.Length == 0 ? LookupResult.Missing : _folder.Stat(components, out identity);
        }
        if (found != LookupResult.Found || identity.Kind != EntryKind.File || identity.Length > MaxFileBytes)
        {
            return null;
        }
        return ReadAndCache(requested.Key, components, contentType);
    }

    /// <summary>Reads through one handle; caches only when the file did not change while it was read.</summary>
    private StaticResource? ReadAndCache(string key, string[] components, string contentType)
    {
        if (_folder.Open(components, out SafeFileHandle? handle, out FileIdentity opened) != LookupResult.Found || handle is null)
        {
            return null; // swapped for a link or removed since the check: answer as missing
        }
        using (handle)
        {
            if (opened.Kind != EntryKind.File || opened.Length > MaxFileBytes)
            {
                return null;
            }
            byte[] body = ReadAll(handle, opened.Length);
            var resource = new StaticResource(body, contentType, new DateTimeOffset(opened.Modified, TimeSpan.Zero));
            if (body.Length == opened.Length && _folder.Describe(handle) == opened)
            {
                _cache[key] = new CacheEntry(opened, resource);
            }
            return resource;
        }
    }

    private static byte[] ReadAll(SafeFileHandle handle, long length)
    {
        byte[] body = new byte[length];
        int total = 0;
        while (total < body.Length)
        {
            int read = RandomAccess.Read(handle, body.AsSpan(total), total);
            if (read == 0)
            {
                return body[..total]; // shrunk while being read: serve what is there, never cache it
            }
            total += read;
        }
        return body;
    }

    /// <summary>
    /// The real path of <c>root/components...</c>, or <see langword="null"/> when a link on the way points outside
    /// the root, dangles or loops.
    /// </summary>
    internal string? ResolveInsideRoot(IEnumerable<string> components)
    {
        var pending = new Queue<string>(components);
        string current = _root;
        int hops = 0;
        while (pending.TryDequeue(out string? name))
        {
            string next = Path.Join(current, name);
            var info = new FileInfo(next);
            string? target = info.LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
            {
                return null;
            }
            string resolved = Path.GetFullPath(target, current);
            string? relative = RelativeInsideRoot(resolved);
            if (relative is null)
            {
                return null;
            }
            // Walk the target again from the root so that links inside it are checked too.
            var rest = new Queue<string>(SplitPath(relative));
            foreach (string remaining in pending)
            {
                rest.Enqueue(remaining);
            }
            pending = rest;
            current = _root;
        }
        return current;
    }

    private string? RelativeInsideRoot(string fullPath)
    {
        if (string.Equals(fullPath, _root, PathComparison))
        {
            return string.Empty;
        }
        string prefix = _root + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, PathComparison) ? fullPath[prefix.Length..] : null;
    }

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string[] SplitPath(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The path with every symbolic link on it followed, from the file system root down.</summary>
    private static string RealPath(string fullPath)
    {
        string root = Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Queue<string>(SplitPath(fullPath[root.Length..]));
        string current = root;
        int hops = 0;
        while (pending.TryDequeue(out string? name))
        {
            string next = Path.Join(current, name);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null || ++hops > 40)
            {
                current = next;
                continue;
            }
            string resolved = Path.GetFullPath(target, current);
            string resolvedRoot = Path.GetPathRoot(resolved) ?? root;
            var rest = new Queue<string>(SplitPath(resolved[resolvedRoot.Length..]));
            foreach (string remaining in pending)
            {
                rest.Enqueue(remaining);
            }
            pending = rest;
            current = resolvedRoot;
        }
        return current;
    }

    private sealed record CacheEntry(FileIdentity Identity, StaticResource Resource);

    /// <summary>A path as requested, with its cache key made once.</summary>
    private sealed class RequestedPath(string[] components)
    {
        public string[] Components { get; } = components;

        public string Key { get; } = string.Join('/', components);
    }
}
