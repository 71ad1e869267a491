using System.CommandLine;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary><c>flags report merge FILE...</c>: combines the --json reports of <c>flags fetch --shard K/N</c> into one.</summary>
internal static class ReportCommand
{
    /// <summary>Builds <c>report</c> and its <c>merge</c> subcommand.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "The --json reports of flags fetch --shard K/N, one per shard, in any order.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var merge = new Command("merge", "Combine shard reports into one JSON document on stdout: every result, the counts summed, missing shards named.");
        merge.Arguments.Add(files);
        merge.SetAction(parse =>
        {
            var configuration = parse.InvocationConfiguration;
            if (parse.GetValue(files) is not { Length: > 0 })
            {
                configuration.Error.WriteLine("Nothing to merge. Give the shard reports: flags report merge shard0.json shard1.json ...");
                return ExitCodes.Usage;
            }

            return ReportMerge.Run(parse.GetValue(files) ?? [], configuration.Output, configuration.Error);
        });

        var report = new Command("report", "Work with --json reports (merge the reports of a sharded fetch).");
        report.Subcommands.Add(merge);
        return report;
    }
}
