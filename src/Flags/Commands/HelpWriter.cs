using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Flags.Commands;

/// <summary>
/// The --help of every command, written from the command's own symbols: a usage line with only that command's
/// arguments (never the parent's <c>&lt;CC&gt;</c>), the arguments, the options with their placeholders (<c>&lt;N&gt;</c>,
/// <c>&lt;TIME&gt;</c>, <c>&lt;DIR&gt;</c>...) and their defaults as the descriptions state them (once, as
/// "Default: X."), the subcommands, two or three examples, and the exit codes.
/// </summary>
internal sealed class HelpWriter : SynchronousCommandLineAction
{
    private const int Width = 100;

    private static readonly Dictionary<string, (string Command, string What)[]> Examples = new(StringComparer.Ordinal)
    {
        ["flags"] =
        [
            ("flags", "the 20 most populous countries' flags, from the embedded server"),
            ("flags -s DELAY -a -m 30", "all 194 flags, each response held 500 ms, 30 at once"),
            ("flags -e --json > report.json", "try AA..ZZ and write the outcomes as JSON"),
        ],
        ["fetch"] =
        [
            ("flags fetch http://127.0.0.1:8000/flags/br/br.gif", "one URL, saved as downloads/br.gif"),
            ("flags fetch -i urls.txt -o out -m 64 --max-per-host 8", "a list of any length, 64 at once, 8 per host"),
            ("producer | flags fetch -i - --json > report.json", "a list from standard input, outcomes as JSON"),
            ("flags fetch -i urls.txt --shard 0/3 --json > shard0.json", "this machine's third of the list (0/3, 1/3, 2/3)"),
            ("flags fetch -i urls.txt --shard-from-env --shard-count 3", "a Kubernetes Indexed Job pod: the index from JOB_COMPLETION_INDEX"),
        ],
        ["merge"] =
        [
            ("flags report merge shard0.json shard1.json shard2.json > all.json", "one report of the 3 shards, with the totals"),
        ],
        ["serve"] =
        [
            ("flags serve", "serve the flags on http://127.0.0.1:8000/flags"),
            ("flags serve --mode error --port 0 --seed 7", "fail a seeded 25% of requests, on any free port"),
        ],
    };

    private static readonly Dictionary<string, (string Code, string When)[]> ExitCodeRows = new(StringComparer.Ordinal)
    {
        ["flags"] = DownloadExitCodes("code"),
        ["fetch"] = DownloadExitCodes("line"),
        ["merge"] =
        [
            ("0", "merged (a missing shard is a warning on stderr)"),
            ("2", "a file cannot be read, is not a shard report, or the files are not shards of one split"),
        ],
        ["serve"] =
        [
            ("0", "stopped by Ctrl+C or SIGTERM"),
            ("1", "the address cannot be bound"),
            ("2", "usage error"),
        ],
    };

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
        return 0;
    }

    /// <summary>Writes the help of <paramref name="command"/>.</summary>
    public static void Write(Command command, TextWriter output)
    {
        var name = command is RootCommand ? "flags" : command.Name;
        var line = Ancestors(command).Reverse().Append(command).ToList();
        var path = string.Join(' ', line.Select(c => c is RootCommand ? "flags" : c.Name));
        var text = new StringBuilder();
        text.AppendLine(command.Description).AppendLine();

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var usage = string.Join(' ', arguments.Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"[<{a.Name}>...]" : $"<{a.Name}>"));
        text.AppendLine("Usage:");
        text.AppendLine($"  {path}{(usage.Length > 0 ? " " + usage : "")} [options]");
        if (command.Subcommands.Count > 0)
        {
            text.AppendLine($"  {path} <command> [options]");
        }

        Section(text, "Arguments:", arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")));
        // Help and version are the root's (help applies to every command): listed last, once.
        var root = line[0];
        var options = command.Options.Where(o => !o.Hidden && o is not (HelpOption or VersionOption))
            .Concat(root.Options.Where(o => o is HelpOption || (o is VersionOption && command == root)));
        Section(text, "Options:", options.Select(o => (Label(o), o.Description ?? "")));
        Section(text, "Commands:", command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")));
        if (Examples.TryGetValue(name, out var examples))
        {
            Section(text, "Examples:", examples.Select(e => (e.Command, e.What)));
        }

        if (ExitCodeRows.TryGetValue(name, out var codes))
        {
            Section(text, "Exit codes:", codes.Select(c => (c.Code, c.When)));
        }

        output.Write(text.ToString());
    }

    private static (string, string)[] DownloadExitCodes(string item) =>
    [
        (Code(Reporting.ExitCodes.Ok), $"every {item} was saved, skipped or not found (not found is not a failure)"),
        (Code(Reporting.ExitCodes.Failed), $"at least one {item} ended in an error, or the server could not be reached"),
        (Code(Reporting.ExitCodes.Usage), "usage error, reported before anything starts"),
        (Code(Reporting.ExitCodes.Interrupted), "interrupted by Ctrl+C (SIGINT) or SIGTERM; the summary covers what finished"),
    ];

    // Parents are the direct ones only; `flags report merge` needs the whole line up to the root.
    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    private static string Code(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Label(Option option)
    {
        var names = option.Aliases.Append(option.Name).Where(n => n.StartsWith('-')).Distinct().OrderBy(n => n.StartsWith("--", StringComparison.Ordinal) ? 1 : 0).ThenBy(n => n.Length);
        var label = string.Join(", ", names);
        var takesValue = option.ValueType != typeof(bool) && option is not HelpOption && option is not VersionOption;
        return takesValue ? $"{label} <{option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}>" : label;
    }

    private static void Section(StringBuilder text, string title, IEnumerable<(string First, string Second)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine(title);
        var column = Math.Min(list.Max(r => r.First.Length) + 4, 40);
        foreach (var (first, second) in list)
        {
            var lines = Wrap(second, Width - column);
            if (first.Length + 4 > column)
            {
                text.AppendLine($"  {first}");
                text.Append(' ', column).AppendLine(lines[0]);
            }
            else
            {
                text.Append("  ").Append(first.PadRight(column - 2)).AppendLine(lines[0]);
            }

            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', column).AppendLine(line);
            }
        }
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
