using Flags.Engine;
using Flags.Engine.Connections;
using Flags.Reporting;
using Flags.Server;

namespace Flags.Commands;

/// <summary>
/// The flags run's items: one job per country code, <c>{base}/{cc}/{cc}.gif</c> saved as <c>{cc}.gif</c>. Opening it
/// starts the embedded server (LOCAL, DELAY, ERROR) or probes a remote one, and reads the server's code list for -a.
/// </summary>
internal sealed class CountryCodeJobSource : IJobSource
{
    private readonly ServerTarget _server;
    private readonly bool _all;
    private readonly int? _limit;
    private readonly TimeSpan _timeout;
    private readonly TextWriter _error;
    private IReadOnlyList<string>? _codes;
    private FlagServer? _embedded;
    private Uri? _baseUrl;

    /// <summary>Creates the source; <paramref name="codes"/> is null for -a (the list is read from the server).</summary>
    public CountryCodeJobSource(ServerTarget server, IReadOnlyList<string>? codes, int? limit, TimeSpan timeout, TextWriter error)
    {
        _server = server;
        _all = codes is null;
        _limit = limit;
        _timeout = timeout;
        _error = error;
        _codes = codes is null ? null : CountryCodeSelection.SortAndLimit(codes, limit);
    }

    /// <summary>Where the embedded server logs each request (tests read it); the default value is null, no log.</summary>
    public TextWriter? EmbeddedRequestLog { get; init; }

    /// <summary>How to connect to a server given by URL (version, certificates). The default value is <see cref="ConnectionSettings.Default"/>.</summary>
    public ConnectionSettings Connection { get; init; } = ConnectionSettings.Default;

    /// <inheritdoc />
    public string Command => "flags";

    /// <inheritdoc />
    public (string Item, string File) Nouns => ("code", "flag");

    /// <inheritdoc />
    public int? Total => _codes?.Count
        ?? (_server.EmbeddedMode is not null ? Math.Min(CountryCodes.All.Count, _limit ?? int.MaxValue) : null);

    /// <inheritdoc />
    public string? Unreachable { get; private set; }

    /// <summary>Where the server's list of codes lives: <c>{base}/country_codes.txt</c> (read by -a).</summary>
    public static Uri CountryListUri(Uri baseUrl) => new($"{baseUrl.AbsoluteUri.TrimEnd('/')}/country_codes.txt");

    /// <inheritdoc />
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_server.EmbeddedMode is { } mode)
        {
            _embedded = await FlagServer.StartAsync(new FlagServerOptions { Mode = mode, RequestLog = EmbeddedRequestLog }, cancellationToken).ConfigureAwait(false);
            _baseUrl = _embedded.BaseUrl;
        }
        else
        {
            _baseUrl = _server.BaseUrl!;
            var failure = await ServerProbe.WhyUnreachableAsync(_baseUrl, _timeout, Connection, cancellationToken).ConfigureAwait(false);
            Unreachable = failure?.Reason;
            if (failure is not null)
            {
                var line = $"Cannot reach {TerminalText.Url(_baseUrl.AbsoluteUri.TrimEnd('/'))}: {TerminalText.Safe(failure.Reason)}. {failure.Remedy}";
                if (_all)
                {
                    throw new JobSourceException(line);
                }

                await _error.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        if (_all && _embedded is not null)
        {
            // The embedded server's list is this process's own data (what its country_codes.txt serves): no request,
            // and no wait through the DELAY hold before the first download (issue 18). Other servers are asked.
            _codes = CountryCodeSelection.SortAndLimit(CountryCodes.All, _limit);
        }
        else if (_all)
        {
            var list = await CodeListReader.ReadAsync(CountryListUri(_baseUrl), _timeout, Connection, cancellationToken).ConfigureAwait(false);
            _codes = list.Error is { } listError
                ? throw new JobSourceException(listError)
                : CountryCodeSelection.SortAndLimit(list.Codes, _limit);
        }
    }

    /// <inheritdoc />
    public RunHeader Header(string strategy, int concurrency, int maxPerHost)
    {
        var baseUrl = _baseUrl!.AbsoluteUri.TrimEnd('/');
        return new RunHeader(
            TextHeader(_server.Label, baseUrl, _codes!, concurrency, Connection.Version),
            [new JsonField("server", _server.Label), new JsonField("baseUrl", baseUrl)],
            strategy,
            concurrency,
            SortResults: true,
            ListErrors: false);
    }

    /// <summary>
    /// The reference's header: <c>{LABEL} site: {URL}</c> (userinfo masked), <c>Searching for N flags: ...</c> (codes
    /// joined when 10 or fewer, else "from X to Y") and the connections line (streams of one connection on HTTP/2).
    /// </summary>
    public static string[] TextHeader(
        string label, string baseUrl, IReadOnlyList<string> codes, int concurrency, HttpVersionChoice version = HttpVersionChoice.Negotiate)
    {
        var list = codes.Count switch
        {
            0 => "none",
            <= 10 => string.Join(", ", codes),
            _ => $"from {codes[0]} to {codes[^1]}",
        };
        return
        [
            $"{label} site: {TerminalText.Url(baseUrl)}",
            $"Searching for {codes.Count} flag{(codes.Count == 1 ? "" : "s")}: {list}",
            $"{ConnectionPlan.HeaderLine(concurrency, version, ConnectionPlan.IsHttps(baseUrl))}.",
        ];
    }

    /// <inheritdoc />
    public IEnumerable<JobEntry> Entries()
    {
        var root = _baseUrl!.AbsoluteUri.TrimEnd('/');
        var line = 0;
        foreach (var code in _codes!)
        {
            var cc = code.ToLowerInvariant();
            var url = $"{root}/{cc}/{cc}.gif";
            yield return new JobEntry(++line, url, new DownloadJob(code, new Uri(url), $"{cc}.gif"), Code: code);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
    }
}
