using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Flags.Serve;

/// <summary>
/// <c>flags serve --help</c>: the standard help without what belongs to other commands (the root's country codes)
/// or to the parser (the "additional arguments" that let the command name unknown options itself), then examples
/// and the exit codes.
/// </summary>
internal static class ServeHelp
{
    /// <summary>The usage line.</summary>
    public const string Usage = "  flags serve [options]";

    /// <summary>What follows the option list.</summary>
    public const string Epilogue = """
        Examples:
          flags serve                              built-in flags at http://127.0.0.1:8000/flags
          flags serve --mode error --seed 7 -v     25% faults, the same mix on every run, one log line per request
          flags serve --tls --root DIR --port 0    HTTPS and HTTP/2 (self-signed) for a folder of {cc}/{cc}.gif

        Exit codes:
          0  stopped by Ctrl+C or SIGTERM
          1  the server could not start (address in use)
          2  bad option value (one line per problem)
        """;

    /// <summary>A help option for the serve command alone (it takes precedence over the root's).</summary>
    public static HelpOption CreateOption()
    {
        var option = new HelpOption();
        option.Action = new ServeHelpAction((HelpAction)option.Action!);
        return option;
    }

    /// <summary>Keeps the sections of <paramref name="standard"/> that describe serve, with its own usage line.</summary>
    internal static string Rewrite(string standard)
    {
        var text = new StringBuilder();
        foreach (string section in standard.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string trimmed = section.Trim('\n');
            if (trimmed.StartsWith("Arguments:", StringComparison.Ordinal) || trimmed.StartsWith("Additional Arguments:", StringComparison.Ordinal))
            {
                continue;
            }
            text.Append(trimmed.StartsWith("Usage:", StringComparison.Ordinal) ? "Usage:\n" + Usage : trimmed).Append("\n\n");
        }
        return text.Append(Epilogue).ToString();
    }

    private sealed class ServeHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            InvocationConfiguration configuration = parseResult.InvocationConfiguration;
            TextWriter output = configuration.Output;
            using var rendered = new StringWriter();
            configuration.Output = rendered;
            int exitCode;
            try
            {
                exitCode = standard.Invoke(parseResult);
            }
            finally
            {
                configuration.Output = output;
            }
            output.WriteLine(Rewrite(rendered.ToString()).ReplaceLineEndings());
            return exitCode;
        }
    }
}
