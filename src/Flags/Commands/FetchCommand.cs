using System.CommandLine;

namespace Flags.Commands;

/// <summary>
/// <c>flags fetch [URL...] [-i FILE|-]</c>: download a list of URLs of any length through the same run pipeline as
/// the flags run; this command supplies only the list (<see cref="UrlListSource"/>) and its header.
/// </summary>
internal static class FetchCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CommandContext context)
    {
        var urls = new Argument<string[]>("URL")
        {
            Description = "URLs to fetch (or use -i). Each is saved under its last path segment.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var input = new Option<string>("--input", "-i")
        {
            Description = "A text file with one 'URL [NAME] [sha256=HEX]' per line (# starts a comment); - reads standard input. Read as it goes, so any length works.",
            HelpName = "FILE",
        };
        var run = new RunOptions(
            "URL",
            "for URL arguments never more than their number",
            "Print one line per list line as it finishes, instead of the progress line.",
            "Folder for the files (created if missing). Nothing is written outside it.",
            perHost: true);

        var command = new Command("fetch", "Download a list of URLs in parallel, retrying failures, with the flags engine.");
        command.Arguments.Add(urls);
        command.Options.Add(input);
        run.AddTo(command);
        var transfer = new TransferOptions();
        transfer.AddTo(command);
        var shard = new ShardOptions();
        shard.AddTo(command);
        context.SetRunAction(
            command,
            run,
            (parse, settings, _) =>
            {
                var given = parse.GetValue(urls) ?? [];
                if (settings.Transfer.Checksum is not null && (given.Length != 1 || parse.GetValue(input) is not null))
                {
                    throw new Cli.UsageException("--checksum is for one URL argument. For a list, write sha256=HEX after the name on each line.");
                }

                var spec = shard.Bind(parse, context.Variables ?? Environment.GetEnvironmentVariable);
                return ShardOptions.Apply(new UrlListSource(given, parse.GetValue(input), context.Input ?? Console.In) { Connection = settings.Connection }, spec);
            },
            (parse, settings) => settings with { Transfer = transfer.Bind(parse) });
        return command;
    }
}
