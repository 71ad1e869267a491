namespace Flags.Download;

/// <summary>
/// Makes jobs from a list of URLs (for <c>flags fetch</c>): one per line, <c>URL [NAME]</c>, where NAME is the file to
/// save as (default: the URL path's last segment). Blank lines and lines starting with # are ignored.
/// </summary>
internal static class UrlListJobSource
{
    /// <summary>Reads the jobs from <paramref name="lines"/>; <paramref name="listName"/> names the list in errors.</summary>
    /// <exception cref="InvalidDataException">A line has a bad URL or name, or two lines save to the same file.</exception>
    public static IReadOnlyList<DownloadJob> Parse(IEnumerable<string> lines, string listName)
    {
        var jobs = new List<DownloadJob>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 2
                || !Uri.TryCreate(parts[0], UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidDataException(
                    $"{listName} line {number}: '{line}' is not 'URL [NAME]' with an http(s) URL. Fix or remove that line.");
            }

            var name = parts.Length == 2 ? parts[1] : Uri.UnescapeDataString(uri.Segments[^1]);
            if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0 || name.EndsWith(PartFileSink.PartSuffix, StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"{listName} line {number}: '{name}' is not a usable file name. Add a plain NAME after the URL.");
            }

            if (names.TryGetValue(name, out var first))
            {
                throw new InvalidDataException(
                    $"{listName} line {number}: '{name}' is also the file of line {first}. Give one of them another NAME.");
            }

            names[name] = number;
            jobs.Add(new DownloadJob(name, uri, name));
        }

        return jobs;
    }
}
