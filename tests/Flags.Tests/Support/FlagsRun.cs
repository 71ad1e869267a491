using Flags.Commands;

namespace Flags.Tests.Support;

/// <summary>The outcome of running the program in-process: exit code and what it wrote.</summary>
public sealed record FlagsRun(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs FlagsApp with the given arguments; fails loudly if it takes more than <paramref name="timeoutSeconds"/>.</summary>
    public static Task<FlagsRun> RunAsync(string[] args, int timeoutSeconds = 30, CancellationToken cancellationToken = default) =>
        RunAsync(args, TextReader.Null, timeoutSeconds, cancellationToken);

    /// <summary>As above, with <paramref name="input"/> as standard input.</summary>
    public static async Task<FlagsRun> RunAsync(string[] args, TextReader input, int timeoutSeconds = 30, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await FlagsApp.RunAsync(args, input, TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(timeoutSeconds), CancellationToken.None);
        return new FlagsRun(exit, output.ToString(), error.ToString());
    }
}
