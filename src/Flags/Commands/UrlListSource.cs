using Flags.Cli;
using Flags.Engine;
using Flags.Engine.Connections;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// <c>flags fetch</c>'s items: URL arguments, or the lines of a list file or standard input read as the run goes
/// (through <see cref="UrlListJobSource"/>), so a list of any length works in constant memory.
/// </summary>
internal sealed class UrlListSource : IJobSource
{
    private readonly IReadOnlyList<string> _urls;
    private readonly TextReader? _reader;
    private readonly bool _ownsReader;
    private readonly string _name;

    /// <summary>Checks the arguments and opens the list file (a usage error if it cannot be read), before anything starts.</summary>
    /// <exception cref="UsageException">No URLs, both URLs and -i, or a list that cannot be opened.</exception>
    public UrlListSource(IReadOnlyList<string> urls, string? input, TextReader standardInput)
    {
        if (urls.Count > 0 && input is not null)
        {
            throw new UsageException("Give URLs as arguments or a list with -i, not both.");
        }

        if (urls.Count == 0 && input is null)
        {
            throw new UsageException("Nothing to fetch. Give URLs as arguments, or a list with -i FILE (-i - reads standard input).");
        }

        _urls = urls;
        (_reader, _ownsReader, _name) = input switch
        {
            null => ((TextReader?)null, false, $"{urls.Count} URL argument{(urls.Count == 1 ? "" : "s")}"),
            "-" => (standardInput, false, "standard input"),
            var path => (OpenFile(path), true, path),
        };
    }

    /// <summary>The HTTP version asked for, for the header. The default value is <see cref="ConnectionSettings.Default"/>.</summary>
    public ConnectionSettings Connection { get; init; } = ConnectionSettings.Default;

    /// <inheritdoc />
    public string Command => "fetch";

    /// <inheritdoc />
    public (string Item, string File) Nouns => ("line", "file");

    /// <inheritdoc />
    public int? Total => _reader is null ? _urls.Count : null;

    /// <inheritdoc />
    public string? Unreachable => null;

    /// <inheritdoc />
    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public RunHeader Header(string strategy, int concurrency, int maxPerHost)
    {
        var connections = ConnectionPlan.HeaderLine(concurrency, Connection.Version, _reader is null ? _urls.Any(ConnectionPlan.IsHttps) : null);
        string[] lines =
        [
            $"Fetching the URLs of {TerminalText.Safe(_name)}",
            maxPerHost < concurrency ? $"{connections}, at most {maxPerHost} per host." : $"{connections}.",
        ];
        return new RunHeader(
            lines, [new JsonField("source", _name), new JsonField("maxPerHost", null, maxPerHost)], strategy, concurrency, SortResults: false, ListErrors: true);
    }

    /// <inheritdoc />
    public IEnumerable<JobEntry> Entries() => new UrlListJobSource().Read(_reader is null ? _urls : UrlListJobSource.Lines(_reader));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_ownsReader)
        {
            _reader!.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static StreamReader OpenFile(string input)
    {
        try
        {
            return new StreamReader(input, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 64 * 1024 });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(
                $"Cannot read the list '{TerminalText.Safe(input)}': {TerminalText.Safe(ex.Message.TrimEnd('.'))}. Give a readable text file of URLs, or - for standard input.", ex);
        }
    }
}
