using System.CommandLine;
using Flags.Reporting;

namespace Flags.Cli;

/// <summary>The whole program behind one entry point, so tests run it in-process with their own writers and token.</summary>
internal static class FlagsApp
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns the exit code: 0 ok, 1 errors, 2 usage, 130
    /// interrupted. Cancelling <paramref name="cancellationToken"/> is Ctrl+C. No progress bar is drawn.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, progressAllowed: false, cancellationToken);

    /// <summary>As the first overload, with <paramref name="input"/> as standard input (what <c>flags fetch -i -</c> reads).</summary>
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, input, output, error, progressAllowed: false, cancellationToken);

    /// <summary>As above; <paramref name="progressAllowed"/> says stderr is a terminal, so the bar may be drawn on it.</summary>
    public static Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, bool progressAllowed, CancellationToken cancellationToken) =>
        RunAsync(args, input: null, output, error, progressAllowed, cancellationToken);

    private static async Task<int> RunAsync(
        string[] args, TextReader? input, TextWriter output, TextWriter error, bool progressAllowed, CancellationToken cancellationToken)
    {
        var root = FlagsCommand.Create(progressAllowed, input);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, the first problem; the usage errors are listed in docs/cli.md.
            await error.WriteLineAsync(parse.Errors[0].Message).ConfigureAwait(false);
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
}
