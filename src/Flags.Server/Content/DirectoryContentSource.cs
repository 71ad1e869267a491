using System.Collections.Concurrent;

namespace Flags.Server.Content;

/// <summary>
/// Serves <c>{root}/{cc}/{cc}.gif</c> and <c>{root}/country_codes.txt</c>. Bodies are cached in memory and
/// revalidated against the file's length and modification time on every request, so edits show at once.
/// </summary>
/// <remarks>
/// Path safety: the request side only ever asks for two lower-case ASCII letters, so no name can climb out of the
/// root; the remaining way out is a symbolic link, so every component below the root is checked and a link is
/// followed only while its target stays inside the root's real path.
/// </remarks>
internal sealed class DirectoryContentSource : IContentSource
{
    private const int MaxLinkHops = 16;
    private const long MaxFileBytes = 64L * 1024 * 1024;

    private readonly string _root;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

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
    }

    /// <summary>The real (link-free) full path of the root.</summary>
    public string Root => _root;

    public ValueTask<StaticResource?> GetFlagAsync(string code, CancellationToken cancellationToken) =>
        LoadAsync([code, code + ".gif"], "image/gif", cancellationToken);

    public ValueTask<StaticResource?> GetCountryCodesAsync(CancellationToken cancellationToken) =>
        LoadAsync(["country_codes.txt"], "text/plain; charset=utf-8", cancellationToken);

    private async ValueTask<StaticResource?> LoadAsync(string[] components, string contentType, CancellationToken cancellationToken)
    {
        FileInfo? file = PlainFileInsideRoot(components);
        if (file is null)
        {
            // Something on the way is a link (or missing): take the careful walk.
            string? resolved = ResolveInsideRoot(components);
            if (resolved is null)
            {
                return null;
            }
            file = new FileInfo(resolved);
        }
        string path = file.FullName;
        if (!file.Exists || file.Length > MaxFileBytes)
        {
            return null;
        }
        long length = file.Length;
        DateTime modified = file.LastWriteTimeUtc;
        if (_cache.TryGetValue(path, out CacheEntry? cached) && cached.Length == length && cached.Modified == modified)
        {
            return cached.Resource;
        }

        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null; // removed or locked between the check and the read: answer as missing
        }
        var resource = new StaticResource(body, contentType, new DateTimeOffset(modified, TimeSpan.Zero));
        _cache[path] = new CacheEntry(length, modified, resource);
        return resource;
    }

    /// <summary>
    /// The common case in one status call per component and no allocation beyond the paths: every component is a
    /// plain directory or file (no link), so the path is inside the root by construction. <see langword="null"/>
    /// when any component is a link or missing.
    /// </summary>
    private FileInfo? PlainFileInsideRoot(string[] components)
    {
        string current = _root;
        for (int i = 0; i < components.Length - 1; i++)
        {
            current = Path.Join(current, components[i]);
            var directory = new DirectoryInfo(current);
            if (!directory.Exists || (directory.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return null;
            }
        }
        var file = new FileInfo(Path.Join(current, components[^1]));
        return file.Exists && (file.Attributes & FileAttributes.ReparsePoint) == 0 ? file : null;
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

    private sealed record CacheEntry(long Length, DateTime Modified, StaticResource Resource);
}
