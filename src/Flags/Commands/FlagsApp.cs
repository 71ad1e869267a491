using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>The whole program behind one entry point, so tests run it in-process with their own writers and token.</summary>
internal static class FlagsApp
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns the exit code: 0 ok, 1 errors, 2 usage, 130
    /// interrupted. Cancelling <paramref name="cancellationToken"/> is Ctrl+C. No progress is drawn.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, new CommandContext(null, false, () => 80), output, error, cancellationToken);

    /// <summary>As the first overload, with <paramref name="input"/> as standard input (what <c>flags fetch -i -</c> reads).</summary>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, new CommandContext(input, false, () => 80), output, error, cancellationToken);

    /// <summary>As above, with the console's standard input, stderr's terminal state and width given by <paramref name="context"/>.</summary>
    public static async Task<int> RunAsync(
        string[] args, CommandContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = FlagsCommand.Create(context);
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWriter();
        }

        var parse = root.Parse(args);
        var problem = Misplaced(parse) ?? (parse.Errors.Count > 0 ? parse.Errors[0].Message : null);
        if (problem is not null)
        {
            // One line, the first problem; the usage errors are listed in docs/cli.md.
            await error.WriteLineAsync(TerminalText.Line(problem)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Program owns Ctrl+C and cancels the token itself.
        };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the parser lets through but the user cannot have meant: a word starting with '-' taken as an argument
    /// because no option has that name (<c>flags fetch URL --checksum x</c>), a word no symbol took, and codes or
    /// options of <c>flags</c> written before a subcommand (<c>flags BR serve</c>), which that subcommand would ignore.
    /// After <c>--</c> every word is an argument, so <c>flags -- -a</c> is judged as a country code.
    /// </summary>
    private static string? Misplaced(ParseResult parse)
    {
        var command = parse.CommandResult;
        var path = CommandPath(command);
        var doubleDash = IndexOfDoubleDash(parse.Tokens);
        if (command.Parent is CommandResult parent)
        {
            foreach (var child in parent.Children)
            {
                var given = child switch
                {
                    ArgumentResult { Tokens.Count: > 0 } a => a.Tokens[0].Value,
                    OptionResult { Implicit: false } o when o.Option is not HelpOption => o.IdentifierToken?.Value,
                    _ => null,
                };
                if (given is not null)
                {
                    var owner = CommandPath(parent);
                    return $"'{TerminalText.Safe(given)}' belongs to {owner}, not to {path}: {path} would ignore it. Write {path} with its own arguments (run {path} --help).";
                }
            }
        }

        foreach (var argument in command.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-') && IndexOf(parse.Tokens, token) < doubleDash)
                {
                    return $"'{TerminalText.Safe(token.Value)}' is not an option of {path}. Run {path} --help for its options (after -- every word is an argument).";
                }
            }
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            return $"'{TerminalText.Safe(parse.UnmatchedTokens[0])}' is not an option or argument of {path}. Run {path} --help for what it takes.";
        }

        return null;
    }

    private static string CommandPath(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "flags";

    private static int IndexOfDoubleDash(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }
}
