using System.CommandLine;
using Flags.Cli;
using Flags.Engine;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// What the downloading commands get from the entry point (standard input, whether stderr is a terminal, its width),
/// and the one action they share: bind the run options, let the command make its job source, run the pipeline.
/// </summary>
/// <param name="Input">What <c>flags fetch -i -</c> reads; null means the console's standard input.</param>
/// <param name="ProgressAllowed">Stderr is a terminal, so progress may be drawn on it.</param>
/// <param name="TerminalWidth">The terminal's width in columns.</param>
internal sealed record CommandContext(TextReader? Input, bool ProgressAllowed, Func<int> TerminalWidth)
{
    /// <summary>Reads an environment variable (<c>--shard-from-env</c>); null means the process environment.</summary>
    public Func<string, string?>? Variables { get; init; }

    /// <summary>
    /// Sets <paramref name="command"/>'s action: read <paramref name="options"/> into settings, make the job source with
    /// <paramref name="source"/> (which validates the command's own arguments), and run it through the
    /// <see cref="RunPipeline"/>. A <see cref="UsageException"/> from either step is one line on stderr and exit 2.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="options">The shared run options.</param>
    /// <param name="source">Makes the command's job source.</param>
    /// <param name="extend">Adds the command's own settings (fetch's big-file options) to the shared ones; null for none.</param>
    public void SetRunAction(
        Command command, RunOptions options, Func<ParseResult, RunSettings, TextWriter, IJobSource> source, Func<ParseResult, RunSettings, RunSettings>? extend = null)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            try
            {
                var settings = options.Bind(parse);
                settings = extend?.Invoke(parse, settings) ?? settings;
                var jobs = source(parse, settings, configuration.Error);
                var output = new RunOutput(configuration.Output, configuration.Error, ProgressAllowed, TerminalWidth);
                return await RunPipeline.RunAsync(settings, jobs, output, cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException ex)
            {
                await configuration.Error.WriteLineAsync(TerminalText.Line(ex.Message)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
    }
}
