using System.CommandLine;
using Flags.Download;
using Flags.Reporting;

namespace Flags.Cli;

/// <summary><c>flags fetch LIST</c>: download every URL of a list file with the same engine as the flags run.</summary>
internal static class FetchCommand
{
    /// <summary>Builds the subcommand. <paramref name="progressAllowed"/> says whether stderr is a terminal.</summary>
    public static Command Create(bool progressAllowed)
    {
        var list = new Argument<string>("LIST") { Description = "A text file with one 'URL [NAME]' per line (# starts a comment). NAME defaults to the URL's last path segment." };
        var maxReq = FlagsCommand.PositiveInt(
            "--max-req", "-m", $"Downloads in flight at once. Default: {FlagsCommand.DefaultMaxRequests} (1 for sequential); at most {FlagsCommand.MaxRequestsCap}.");
        var output = new Option<string>("--output", "-o") { Description = "Folder for the files (created if missing).", DefaultValueFactory = _ => "downloads", HelpName = "DIR" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print one line per file instead of the progress bar." };
        var strategy = new Option<string>("--strategy") { Description = $"How downloads run: {string.Join(", ", DownloadStrategies.Names)}.", DefaultValueFactory = _ => FlagsCommand.DefaultStrategy };
        strategy.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!DownloadStrategies.Names.Contains(value.ToLowerInvariant()))
            {
                result.AddError($"'{value}' is not a strategy. Use one of: {string.Join(", ", DownloadStrategies.Names)}.");
            }
        });
        var retries = FlagsCommand.PositiveInt("--retries", null, "Tries per file before it counts as an error. Default: 3.");
        var timeout = FlagsCommand.Duration("--timeout", "Limit per try, e.g. 500ms, 2s. Default: 10s.", hidden: false);
        var retryDelay = FlagsCommand.Duration("--retry-delay", "First backoff between tries. Default: 250ms.", hidden: true);
        var skipExisting = new Option<bool>("--skip-existing") { Description = "Skip files already in the output folder." };
        var json = new Option<bool>("--json") { Description = "Write one JSON summary instead of the text report." };

        var command = new Command("fetch", "Download every URL listed in a file, with the same engine, retries and safe file writes.");
        command.Arguments.Add(list);
        foreach (var option in new Option[] { maxReq, output, verbose, strategy, retries, timeout, retryDelay, skipExisting, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            var listPath = parse.GetValue(list)!;
            try
            {
                var settings = new DownloadSettings
                {
                    CodeArguments = [],
                    MaxRequests = parse.GetValue(maxReq),
                    Server = new ServerTarget("LIST", null, null),
                    Verbose = parse.GetValue(verbose),
                    Output = parse.GetValue(output) ?? "downloads",
                    Strategy = (parse.GetValue(strategy) ?? FlagsCommand.DefaultStrategy).ToLowerInvariant(),
                    Tries = parse.GetValue(retries) ?? 3,
                    Timeout = parse.GetValue(timeout) ?? TimeSpan.FromSeconds(10),
                    RetryDelay = parse.GetValue(retryDelay) ?? TimeSpan.FromMilliseconds(250),
                    SkipExisting = parse.GetValue(skipExisting),
                    Json = parse.GetValue(json),
                };
                return await RunAsync(listPath, settings, configuration.Output, configuration.Error, progressAllowed, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (UsageException ex)
            {
                await configuration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string listPath, DownloadSettings settings, TextWriter output, TextWriter error, bool progressAllowed, CancellationToken cancellationToken)
    {
        IReadOnlyList<DownloadJob> jobs;
        try
        {
            jobs = UrlListJobSource.Parse(File.ReadLines(listPath), listPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the list '{listPath}': {ex.Message.TrimEnd('.')}. Give a readable text file of URLs.", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        var strategy = DownloadStrategies.Create(settings.Strategy);
        var folder = OutputFolder.Prepare(settings.Output);
        var concurrency = strategy is SequentialStrategy
            ? 1
            : Math.Max(1, Math.Min(Math.Min(settings.MaxRequests ?? FlagsCommand.DefaultMaxRequests, FlagsCommand.MaxRequestsCap), jobs.Count));
        if (!settings.Json)
        {
            await output.WriteLineAsync($"Fetching {jobs.Count} file{(jobs.Count == 1 ? "" : "s")} listed in {listPath}").ConfigureAwait(false);
            await output.WriteLineAsync(concurrency == 1 ? "1 connection will be used." : $"{concurrency} concurrent connections will be used.")
                .ConfigureAwait(false);
        }

        var (results, elapsed) = await JobExecution.RunAsync(
            settings, strategy, jobs, concurrency, folder, unreachable: null, output, error, progressAllowed, cancellationToken)
            .ConfigureAwait(false);
        var summary = new RunSummary(
            "LIST",
            new Uri(Path.GetFullPath(listPath)),
            strategy.Name,
            concurrency,
            jobs.Select(j => j.Key).ToList(),
            results,
            elapsed,
            cancellationToken.IsCancellationRequested && results.Count < jobs.Count,
            Noun: "file");
        if (settings.Json)
        {
            JsonReport.Write(output, summary);
        }
        else
        {
            TextReport.WriteSummary(output, summary);
        }

        return summary.ExitCode;
    }
}
