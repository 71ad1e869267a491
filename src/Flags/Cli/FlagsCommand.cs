using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Flags.Download;
using Flags.Serve;

namespace Flags.Cli;

/// <summary>The root command: <c>flags [CC...] [options]</c>, plus its subcommands.</summary>
internal static class FlagsCommand
{
    /// <summary>The strategy used when --strategy is not given (chosen by measurement, see docs/cli.md).</summary>
    public const string DefaultStrategy = "async";

    /// <summary>-m when not given, for the concurrent strategies (the reference's threadpool default).</summary>
    public const int DefaultMaxRequests = 30;

    /// <summary>The most downloads in flight at once, whatever -m says (the reference's MAX_CONCUR_REQ).</summary>
    public const int MaxRequestsCap = 1000;

    /// <summary>
    /// Builds the command tree. <paramref name="progressAllowed"/> says whether stderr is a terminal;
    /// <paramref name="input"/> is what <c>flags fetch -i -</c> reads (null: the console's standard input).
    /// </summary>
    public static RootCommand Create(bool progressAllowed, TextReader? input = null)
    {
        var codes = new Argument<string[]>("CC")
        {
            Description = "Country codes: two letters (BR), or one letter for its 26 codes (B = BA..BZ). Default: the 20 most populous countries.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        codes.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (CountryCodeSelection.Validate(token.Value) is { } error)
                {
                    result.AddError(error);
                    return;
                }
            }
        });

        var all = new Option<bool>("--all", "-a") { Description = "Get every flag the server lists in its country_codes.txt." };
        var every = new Option<bool>("--every", "-e") { Description = "Try every code AA..ZZ (676; most are not found)." };
        var limit = PositiveInt("--limit", "-l", "Keep only the first N codes after sorting.");
        var maxReq = PositiveInt(
            "--max-req",
            "-m",
            $"Downloads in flight at once. Default: {DefaultMaxRequests} (1 for sequential); at most {MaxRequestsCap} and never more than the codes.");
        var server = new Option<string>("--server", "-s")
        {
            Description = "LOCAL, DELAY or ERROR start the embedded server on a free 127.0.0.1 port; REMOTE is the book's site; or an http(s):// base URL.",
            DefaultValueFactory = _ => "LOCAL",
            HelpName = "LABEL|URL",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print one line per code instead of the progress bar." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Folder for the {cc}.gif files (created if missing).",
            DefaultValueFactory = _ => "downloads",
            HelpName = "DIR",
        };
        var strategy = new Option<string>("--strategy")
        {
            Description = $"How downloads run: {string.Join(", ", DownloadStrategies.Names)}.",
            DefaultValueFactory = _ => DefaultStrategy,
        };
        strategy.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!DownloadStrategies.Names.Contains(value.ToLowerInvariant()))
            {
                result.AddError($"'{value}' is not a strategy. Use one of: {string.Join(", ", DownloadStrategies.Names)}.");
            }
        });
        var retries = PositiveInt("--retries", null, "Tries per code before it counts as an error. Default: 3.");
        var timeout = Duration("--timeout", "Limit per try, e.g. 500ms, 2s, 1.5s (a bare number is ms). Default: 10s.", hidden: false);
        var retryDelay = Duration("--retry-delay", "First backoff between tries (doubles each retry, with jitter). Default: 250ms.", hidden: true);
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Skip codes whose file is already in the output folder (files there are always complete)." };
        var json = new Option<bool>("--json") { Description = "Write one JSON summary with every code's outcome instead of the text report." };

        var root = new RootCommand("Download flag images concurrently (the Fluent Python flags example as a real tool).");
        root.Arguments.Add(codes);
        foreach (var option in new Option[] { all, every, limit, maxReq, server, verbose, output, strategy, retries, timeout, retryDelay, skipExisting, json })
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(FetchCommand.Create(input));
        root.Subcommands.Add(ServeCommand.Create());
        root.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            try
            {
                var settings = new DownloadSettings
                {
                    CodeArguments = parse.GetValue(codes) ?? [],
                    All = parse.GetValue(all),
                    Every = parse.GetValue(every),
                    Limit = parse.GetValue(limit),
                    MaxRequests = parse.GetValue(maxReq),
                    Server = ServerTarget.Parse(parse.GetValue(server) ?? "LOCAL"),
                    Verbose = parse.GetValue(verbose),
                    Output = parse.GetValue(output) ?? "downloads",
                    Strategy = (parse.GetValue(strategy) ?? DefaultStrategy).ToLowerInvariant(),
                    Tries = parse.GetValue(retries) ?? 3,
                    Timeout = parse.GetValue(timeout) ?? TimeSpan.FromSeconds(10),
                    RetryDelay = parse.GetValue(retryDelay) ?? TimeSpan.FromMilliseconds(250),
                    SkipExisting = parse.GetValue(skipExisting),
                    Json = parse.GetValue(json),
                };
                return await DownloadRun.ExecuteAsync(settings, configuration.Output, configuration.Error, progressAllowed, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (UsageException ex)
            {
                await configuration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return Reporting.ExitCodes.Usage;
            }
        });
        return root;
    }

    internal static Option<int?> PositiveInt(string name, string? alias, string description)
    {
        var option = alias is null ? new Option<int?>(name) : new Option<int?>(name, alias);
        option.Description = description;
        option.HelpName = "N";
        option.CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} needs a whole number, not '{text}'.");
                return null;
            }

            if (value < 1)
            {
                result.AddError($"{name} must be at least 1 (got {value}).");
                return null;
            }

            return value;
        };
        return option;
    }

    internal static Option<TimeSpan?> Duration(string name, string description, bool hidden) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        Hidden = hidden,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (TimeSpanParser.TryParse(text, out var value) && (value > TimeSpan.Zero || name == "--retry-delay"))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a duration. Use e.g. 500ms, 2s or 1.5s.");
            return null;
        },
    };
}
