using System.Text;

namespace Flags.Engine;

/// <summary>
/// File names for <c>flags fetch</c>: a given NAME or the URL's last path segment, made safe to join to the output
/// folder (no separators, no control characters, no name of only dots, never our own <c>.part</c> suffix), and the
/// predictable rename used when two lines would save to the same name: <c>name.gif</c>, <c>name.1.gif</c>, <c>name.2.gif</c>...
/// </summary>
internal static class FetchFileName
{
    /// <summary>The name used when a URL's path ends in a slash (as wget does).</summary>
    public const string IndexName = "index.html";

    private const int MaxLength = 200;

    /// <summary>The last segment of <paramref name="uri"/>'s path, percent-decoded, not yet sanitised; empty when the path ends in '/'.</summary>
    public static string FromUrl(Uri uri)
    {
        var segment = uri.Segments[^1];
        return segment.EndsWith('/') ? "" : Uri.UnescapeDataString(segment);
    }

    /// <summary>
    /// <paramref name="name"/> made safe: '/', '\' and control characters become '_', surrounding spaces are trimmed,
    /// an empty name becomes <see cref="IndexName"/>, a name of only dots gets '_' for each dot, a name ending in
    /// <c>.part</c> or <c>.part.resume</c> gets a trailing '_', and a name longer than 200 characters is cut (keeping a short extension).
    /// </summary>
    public static string Sanitise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c is '/' or '\\' || char.IsControl(c) || char.IsSurrogate(c) ? '_' : c);
        }

        var safe = builder.ToString().Trim();
        if (safe.Length == 0)
        {
            return IndexName;
        }

        if (safe.AsSpan().TrimStart('.').IsEmpty)
        {
            // "." and ".." name folders, never files.
            return new string('_', safe.Length);
        }

        if (safe.Length > MaxLength)
        {
            var extension = Path.GetExtension(safe);
            extension = extension.Length <= 16 ? extension : "";
            safe = safe[..(MaxLength - extension.Length)] + extension;
        }

        // Our temp files are {target}.part: a target with that suffix could be another download's temp file.
        // The same for the sidecar of a kept .part ({target}.part.resume, issue 17).
        return safe.EndsWith(PartFileSink.PartSuffix, StringComparison.OrdinalIgnoreCase)
            || safe.EndsWith(BigFiles.ResumeSidecar.Suffix, StringComparison.OrdinalIgnoreCase) ? safe + "_" : safe;
    }

    /// <summary>The <paramref name="n"/>-th alternative to <paramref name="name"/>: <c>a.gif</c> gives <c>a.1.gif</c>, <c>README</c> gives <c>README.1</c>.</summary>
    public static string Numbered(string name, int n)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 ? $"{name[..dot]}.{n}{name[dot..]}" : $"{name}.{n}";
    }
}
