using System.CommandLine;
using Flags.Engine;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// The options every downloading command shares (strategy, -m, retries, timeout, skip-existing, json, verbose,
/// output, timeline, HTTP version and certificates), declared once: their names, bounds and help come from here and their defaults from
/// <see cref="RunDefaults"/>, and <see cref="Bind"/> reads them into one <see cref="RunSettings"/>. A command adds
/// them with <see cref="AddTo"/>; only the noun in the help differs ("code" or "URL").
/// </summary>
internal sealed class RunOptions
{
    private readonly Option<int?> _maxRequests;
    private readonly Option<int?>? _maxPerHost;
    private readonly Option<string> _strategy;
    private readonly Option<int?> _retries;
    private readonly Option<TimeSpan?> _timeout;
    private readonly Option<TimeSpan?> _retryDelay;
    private readonly Option<bool> _skipExisting;
    private readonly Option<bool> _json;
    private readonly Option<bool> _verbose;
    private readonly Option<string> _output;
    private readonly Option<string> _timeline = TimelineOption.Create();
    private readonly ConnectionOptions _connection = new();

    /// <summary>Declares the options; <paramref name="item"/> is what the help calls one item ("code", "URL").</summary>
    /// <param name="item">The item noun for the help texts.</param>
    /// <param name="maxRequestsNote">What else bounds -m for this command, e.g. "never more than the codes".</param>
    /// <param name="verbose">The -v description.</param>
    /// <param name="output">The -o description, without its default.</param>
    /// <param name="perHost">Whether the command has --max-per-host (its URLs may name many hosts).</param>
    public RunOptions(string item, string maxRequestsNote, string verbose, string output, bool perHost = false)
    {
        _maxPerHost = perHost
            ? OptionValues.Int("--max-per-host", null, 1, RunDefaults.MaxRequestsCap, "Connections open at once to one host. Default: the same as -m.")
            : null;
        _maxRequests = OptionValues.Int(
            "--max-req", "-m", 1, RunDefaults.MaxRequestsCap,
            $"Downloads in flight at once, 1 to {RunDefaults.MaxRequestsCap}; 1 for sequential; {maxRequestsNote}. Default: {RunDefaults.MaxRequests}.");
        _strategy = new Option<string>("--strategy")
        {
            Description = $"How downloads run: {string.Join(", ", DownloadStrategies.Names)} (see docs/cli.md). Default: {RunDefaults.Strategy}.",
            HelpName = "STRATEGY",
        };
        _strategy.CompletionSources.Add([.. DownloadStrategies.Names]);
        _strategy.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : RunDefaults.Strategy;
            if (!DownloadStrategies.Names.Contains(value.ToLowerInvariant()))
            {
                result.AddError($"'{TerminalText.Safe(value)}' is not a strategy. Use one of: {string.Join(", ", DownloadStrategies.Names)}.");
            }
        });
        _retries = OptionValues.Int(
            "--retries", null, 0, RunDefaults.RetriesCap,
            $"Retries of a failed {item} after the first try (0 = none, as curl's --retry), 0 to {RunDefaults.RetriesCap}. Default: {RunDefaults.Retries} (three tries).");
        _timeout = OptionValues.Time(
            "--timeout", RunDefaults.MinTimeout, RunDefaults.MaxTime,
            $"Limit of one try, {OptionValues.Bound(RunDefaults.MinTimeout)} to {OptionValues.Bound(RunDefaults.MaxTime)}: 500ms, 2s, 1.5s, 2m (a bare number is ms). Default: {OptionValues.Bound(RunDefaults.Timeout)}.");
        _retryDelay = OptionValues.Time(
            "--retry-delay", TimeSpan.Zero, RunDefaults.MaxTime,
            $"First backoff between tries (doubles each retry, with jitter). Default: {OptionValues.Bound(RunDefaults.RetryDelay)}.",
            hidden: true);
        _skipExisting = new Option<bool>("--skip-existing")
        {
            Description = $"Skip a {item} whose file is already in the output folder (files there are always complete).",
        };
        _json = new Option<bool>("--json") { Description = "Write one JSON document with every outcome and the counts instead of the text report." };
        _verbose = new Option<bool>("--verbose", "-v") { Description = verbose };
        _output = new Option<string>("--output", "-o") { Description = $"{output} Default: {RunDefaults.Output}.", HelpName = "DIR" };
    }

    /// <summary>Adds the options to <paramref name="command"/>, in the order the help lists them.</summary>
    public void AddTo(Command command)
    {
        if (_maxPerHost is not null)
        {
            command.Options.Add(_maxPerHost);
        }

        foreach (var option in new Option[] { _maxRequests, _verbose, _output, _strategy, _retries, _timeout, _retryDelay, _skipExisting, _json, _timeline })
        {
            command.Options.Add(option);
        }

        _connection.AddTo(command);
    }

    /// <summary>The settings <paramref name="parse"/> gives, with <see cref="RunDefaults"/> for what was not given.</summary>
    public RunSettings Bind(ParseResult parse) => new()
    {
        Strategy = (parse.GetValue(_strategy) ?? RunDefaults.Strategy).ToLowerInvariant(),
        MaxRequests = parse.GetValue(_maxRequests),
        MaxPerHost = _maxPerHost is null ? null : parse.GetValue(_maxPerHost),
        Retries = parse.GetValue(_retries) ?? RunDefaults.Retries,
        Timeout = parse.GetValue(_timeout) ?? RunDefaults.Timeout,
        RetryDelay = parse.GetValue(_retryDelay) ?? RunDefaults.RetryDelay,
        SkipExisting = parse.GetValue(_skipExisting),
        Json = parse.GetValue(_json),
        Verbose = parse.GetValue(_verbose),
        Output = parse.GetValue(_output) ?? RunDefaults.Output,
        Timeline = parse.GetValue(_timeline) is { } picture ? Path.GetFullPath(picture) : null,
        Connection = _connection.Bind(parse),
    };
}
