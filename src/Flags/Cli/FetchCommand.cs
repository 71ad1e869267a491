using System.CommandLine;
using Flags.Download;
using Flags.Reporting;

namespace Flags.Cli;

/// <summary>
/// <c>flags fetch [URL...] [-i FILE|-]</c>: download a list of URLs of any length with the flags engine (strategies,
/// pooled connections, retries, <c>.part</c> files), streaming the list and the report.
/// </summary>
internal static class FetchCommand
{
    /// <summary>Builds the subcommand. <paramref name="input"/> is read for <c>-i -</c> (null: the console's standard input).</summary>
    public static Command Create(TextReader? input)
    {
        var urls = new Argument<string[]>("URL") { Description = "URLs to fetch (or use -i). Each is saved under its last path segment.", Arity = ArgumentArity.ZeroOrMore };
        var inputOption = new Option<string>("--input", "-i")
        {
            Description = "A text file with one 'URL [NAME]' per line (# starts a comment); - reads standard input. Read as it goes, so any length works.",
            HelpName = "FILE|-",
        };
        var maxReq = FlagsCommand.PositiveInt(
            "--max-req", "-m", $"Downloads in flight at once (all hosts). Default: {FlagsCommand.DefaultMaxRequests} (1 for sequential); at most {FlagsCommand.MaxRequestsCap}.");
        var maxPerHost = FlagsCommand.PositiveInt("--max-per-host", null, "Connections open at once to one host. Default: the same as -m.");
        var output = new Option<string>("--output", "-o") { Description = "Folder for the files (created if missing). Nothing is written outside it.", DefaultValueFactory = _ => "downloads", HelpName = "DIR" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print one line per list line as it finishes." };
        var strategy = new Option<string>("--strategy") { Description = $"How downloads run: {string.Join(", ", DownloadStrategies.Names)}.", DefaultValueFactory = _ => FlagsCommand.DefaultStrategy };
        strategy.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!DownloadStrategies.Names.Contains(value.ToLowerInvariant()))
            {
                result.AddError($"'{value}' is not a strategy. Use one of: {string.Join(", ", DownloadStrategies.Names)}.");
            }
        });
        var retries = FlagsCommand.PositiveInt("--retries", null, "Tries per URL before it counts as an error. Default: 3.");
        var timeout = FlagsCommand.Duration("--timeout", "Limit per try, e.g. 500ms, 2s. Default: 10s.", hidden: false);
        var retryDelay = FlagsCommand.Duration("--retry-delay", "First backoff between tries. Default: 250ms.", hidden: true);
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Skip files already in the output folder (files there are always complete)." };
        var json = new Option<bool>("--json") { Description = "Stream a JSON document with every line's outcome instead of the text report." };

        var command = new Command("fetch", "Download a list of URLs in parallel, retrying failures, with the flags engine.");
        command.Arguments.Add(urls);
        foreach (var option in new Option[] { inputOption, maxReq, maxPerHost, output, verbose, strategy, retries, timeout, retryDelay, skipExisting, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            try
            {
                var settings = new FetchSettings
                {
                    Urls = parse.GetValue(urls) ?? [],
                    Input = parse.GetValue(inputOption),
                    MaxRequests = parse.GetValue(maxReq),
                    MaxPerHost = parse.GetValue(maxPerHost),
                    Verbose = parse.GetValue(verbose),
                    Output = parse.GetValue(output) ?? "downloads",
                    Strategy = (parse.GetValue(strategy) ?? FlagsCommand.DefaultStrategy).ToLowerInvariant(),
                    Tries = parse.GetValue(retries) ?? 3,
                    Timeout = parse.GetValue(timeout) ?? TimeSpan.FromSeconds(10),
                    RetryDelay = parse.GetValue(retryDelay) ?? TimeSpan.FromMilliseconds(250),
                    SkipExisting = parse.GetValue(skipExisting),
                    Json = parse.GetValue(json),
                };
                return await FetchRun.ExecuteAsync(settings, input ?? Console.In, configuration.Output, configuration.Error, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (UsageException ex)
            {
                await configuration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }
}
