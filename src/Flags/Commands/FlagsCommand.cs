using System.CommandLine;
using Flags.Cli;
using Flags.Engine;
using Flags.Serve;

namespace Flags.Commands;

/// <summary>The root command: <c>flags [CC...] [options]</c>, plus its subcommands <c>fetch</c> and <c>serve</c>.</summary>
internal static class FlagsCommand
{
    /// <summary>The CC argument's name, as the help and the misplaced-argument check call it.</summary>
    public const string CodesName = "CC";

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create(CommandContext context)
    {
        var codes = new Argument<string[]>(CodesName)
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
        var limit = OptionValues.Int("--limit", "-l", 1, int.MaxValue, "Keep only the first N codes after sorting.");
        var server = new Option<string>("--server", "-s")
        {
            Description = $"{string.Join(", ", ServerTarget.Labels.SkipLast(1))} start the embedded server on a free 127.0.0.1 port; REMOTE is the book's site; or an http(s):// base URL. Default: LOCAL.",
            HelpName = "SERVER",
        };
        server.CompletionSources.Add([.. ServerTarget.Labels]);
        var run = new RunOptions(
            "code",
            "never more than the codes",
            "Print one line per code as it finishes, instead of the progress bar.",
            "Folder for the {cc}.gif files (created if missing).");

        var root = new RootCommand("Download flag images concurrently (the Fluent Python flags example as a real tool).");
        root.Arguments.Add(codes);
        foreach (var option in new Option[] { all, every, limit, server })
        {
            root.Options.Add(option);
        }

        run.AddTo(root);
        root.Subcommands.Add(FetchCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        context.SetRunAction(root, run, (parse, settings, error) =>
        {
            var arguments = parse.GetValue(codes) ?? [];
            var isAll = parse.GetValue(all);
            var isEvery = parse.GetValue(every);
            if ((isAll ? 1 : 0) + (isEvery ? 1 : 0) + (arguments.Length > 0 ? 1 : 0) > 1)
            {
                throw new UsageException("Give country codes, or -a, or -e: only one of them.");
            }

            var target = ServerTarget.Parse(parse.GetValue(server) ?? "LOCAL");
            IReadOnlyList<string>? chosen = isAll ? null
                : isEvery ? CountryCodeSelection.Every()
                : arguments.Length > 0 ? CountryCodeSelection.Expand(arguments).ToList()
                : CountryCodeSelection.Pop20;
            return new CountryCodeJobSource(target, chosen, parse.GetValue(limit), settings.Timeout, error) { Connection = settings.Connection };
        });
        return root;
    }
}
