namespace Flags.Engine.Connections;

/// <summary>
/// The header's line on how a run's requests travel. Over HTTP/1.1 each request in flight has its own connection; over
/// HTTP/2 the requests to one host are streams of one connection (see <see cref="HttpTransport.Wrap"/>), so "N
/// concurrent connections" would be false there.
/// </summary>
internal static class ConnectionPlan
{
    /// <summary>
    /// The line, without a final full stop, e.g. "30 concurrent connections will be used" or "30 concurrent requests
    /// will be used, as HTTP/2 streams of one connection per host".
    /// </summary>
    /// <param name="concurrency">Requests in flight at once.</param>
    /// <param name="version">The HTTP version asked for.</param>
    /// <param name="https">
    /// Whether the URLs are https (where HTTP/2 is offered by ALPN): true, false, or null when not known before the
    /// run (a list read as it goes).
    /// </param>
    public static string HeaderLine(int concurrency, HttpVersionChoice version, bool? https)
    {
        if (concurrency == 1)
        {
            // One request at a time needs one connection whatever the version.
            return version == HttpVersionChoice.Http2 ? "1 connection will be used (HTTP/2)" : "1 connection will be used";
        }

        var connections = $"{concurrency} concurrent connections";
        return (version, https) switch
        {
            (HttpVersionChoice.Http11, _) or (HttpVersionChoice.Negotiate, false) => $"{connections} will be used",
            (HttpVersionChoice.Http2, _) => $"{concurrency} concurrent requests will be used, as HTTP/2 streams of one connection per host",
            (_, true) => $"{concurrency} concurrent requests will be used: HTTP/2 streams of one connection per host if the server offers HTTP/2, else {connections}",
            _ => $"{connections} will be used (an https server that offers HTTP/2 gets one connection per host, its requests as streams)",
        };
    }

    /// <summary>Whether <paramref name="url"/> is an https URL (where HTTP/2 is offered by ALPN).</summary>
    public static bool IsHttps(string url) => url.TrimStart().StartsWith("https:", StringComparison.OrdinalIgnoreCase);
}
