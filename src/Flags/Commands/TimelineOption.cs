using System.CommandLine;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// <c>--timeline FILE.svg</c>, shared by the downloading commands through <see cref="RunOptions"/>. The path is checked
/// when the command line is parsed, before any server starts or request is made: its folder must exist and take a new
/// file, and it must not name a folder. The picture itself is written when the run ends (<see cref="TimelineReporter"/>).
/// </summary>
internal static class TimelineOption
{
    /// <summary>The option, with its validator.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--timeline")
        {
            Description = "Draw the run as an SVG picture in FILE (e.g. run.svg) when it ends: a lane per concurrent download, a bar per try split into its phases, coloured by outcome (over 1,000 downloads: charts of the whole run).",
            HelpName = "FILE",
        };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Problem(text) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="text"/> cannot take the picture, or null when it can.</summary>
    public static string? Problem(string text)
    {
        var shown = TerminalText.Safe(text);
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
        {
            return $"'{shown}' is not a file name for --timeline. Give the picture's path, e.g. --timeline run.svg.";
        }

        var path = Path.GetFullPath(text);
        if (Directory.Exists(path))
        {
            return $"--timeline '{shown}' is a folder. Give a file name in it, e.g. --timeline {TerminalText.Safe(Path.Combine(text, "run.svg"))}.";
        }

        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            return $"Cannot write the timeline '{shown}': the folder '{TerminalText.Safe(folder)}' does not exist. Create it or give another path.";
        }

        // The same kind of file the picture is written through (a new file beside the target), made and removed at once.
        var probe = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.probe");
        try
        {
            using (File.OpenHandle(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var why = ex is UnauthorizedAccessException ? "permission denied" : "it does not take new files";
            return $"Cannot write the timeline '{shown}': no file can be created in '{TerminalText.Safe(folder)}' ({why}). Give a path in a folder you can write to.";
        }
    }
}
