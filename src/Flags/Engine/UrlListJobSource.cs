using Flags.Reporting;

namespace Flags.Engine;

/// <summary>
/// Turns a fetch list into entries, lazily, one line at a time: <c>URL [NAME] [sha256=HEX]</c> per line (the checksum
/// may also be sha512 or md5), blank lines and lines
/// starting with # ignored, NAME defaulting to the URL path's last segment. Names are sanitised
/// (<see cref="FetchFileName"/>) and made unique in list order (the first line keeps <c>a.gif</c>, the next gets
/// <c>a.1.gif</c>); a URL seen before is a duplicate (fetched once). Only hashes of URLs and names are kept, so memory
/// grows by ~40 bytes per line, never by the lines themselves.
/// </summary>
internal sealed class UrlListJobSource
{
    private readonly CompactHashSet _urls = new();
    private readonly CompactHashSet _names = new();

    /// <summary>Reads the entries of <paramref name="lines"/>; <paramref name="firstLine"/> numbers the first one.</summary>
    public IEnumerable<JobEntry> Read(IEnumerable<string> lines, int firstLine = 1)
    {
        var number = firstLine - 1;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            yield return Parse(number, line);
        }
    }

    /// <summary>The lines of <paramref name="reader"/>, read as they are enumerated.</summary>
    public static IEnumerable<string> Lines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private JobEntry Parse(int number, string line)
    {
        var parts = line.Split((char[]?)null, 4, StringSplitOptions.RemoveEmptyEntries);
        BigFiles.ExpectedDigest? checksum = null;
        if (parts.Length > 1 && BigFiles.ExpectedDigest.LooksLikeOne(parts[^1]))
        {
            if (!BigFiles.ExpectedDigest.TryParse(parts[^1], out checksum, out var problem))
            {
                return Malformed(number, line, problem!.TrimEnd('.'));
            }

            parts = parts[..^1];
        }

        if (!Uri.TryCreate(parts[0], UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.Length == 0)
        {
            return Malformed(number, line, $"'{TerminalText.Url(parts[0])}' is not an http(s) URL");
        }

        if (parts.Length > 2)
        {
            return Malformed(number, line, $"'{TerminalText.Url(line)}' has more than a URL and a NAME (names cannot contain spaces)");
        }

        // The fragment is never sent, so it does not make another download.
        if (!_urls.Add(uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)))
        {
            return new JobEntry(number, parts[0], null, null, Duplicate: true, null);
        }

        var requested = parts.Length == 2 ? parts[1] : FetchFileName.FromUrl(uri);
        var name = FetchFileName.Sanitise(requested);
        var unique = name;
        for (var n = 1; !_names.Add(unique); n++)
        {
            unique = FetchFileName.Numbered(name, n);
        }

        return new JobEntry(
            number,
            parts[0],
            new DownloadJob(unique, uri, unique) { Checksum = checksum },
            null,
            Duplicate: false,
            unique == requested || (requested.Length == 0 && unique == FetchFileName.IndexName) ? null : requested);
    }

    private static JobEntry Malformed(int number, string line, string problem) =>
        new(number, line, null, problem, Duplicate: false, null);
}
