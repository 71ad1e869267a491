namespace Flags.Download;

/// <summary>Makes one <see cref="DownloadJob"/> per country code: <c>{base}/{cc}/{cc}.gif</c> saved as <c>{cc}.gif</c>, lower case.</summary>
internal static class CountryCodeJobSource
{
    /// <summary>The jobs for <paramref name="codes"/> against <paramref name="baseUrl"/> (no trailing slash), in the order given.</summary>
    public static IReadOnlyList<DownloadJob> Create(IEnumerable<string> codes, Uri baseUrl)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        return codes
            .Select(code =>
            {
                var cc = code.ToLowerInvariant();
                return new DownloadJob(code.ToUpperInvariant(), new Uri($"{root}/{cc}/{cc}.gif"), $"{cc}.gif");
            })
            .ToList();
    }

    /// <summary>Where the server's list of codes lives: <c>{base}/country_codes.txt</c> (read by -a).</summary>
    public static Uri CountryListUri(Uri baseUrl) => new($"{baseUrl.AbsoluteUri.TrimEnd('/')}/country_codes.txt");
}
