using System.CommandLine;
using System.CommandLine.Parsing;
using Flags.Reporting;
using Flags.Server;

namespace Flags.Serve;

/// <summary>
/// <c>flags serve</c>: runs the embedded flag server on its own for other clients (curl, a browser, the Python
/// originals) until Ctrl+C or SIGTERM. Exit codes: <see cref="ExitCodes.Ok"/> after a clean stop,
/// <see cref="ExitCodes.Failed"/> when the server cannot start, <see cref="ExitCodes.Usage"/> for bad options.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Creates the <c>serve</c> command with its options, help and action.</summary>
    public static Command Create()
    {
        var options = new ServeOptions();
        var command = new Command("serve", "Run the flag server until Ctrl+C: GET {url}/{cc}/{cc}.gif and {url}/country_codes.txt.")
        {
            // Unknown tokens reach the action, which names them and points at --help (issue 16).
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (Option option in options.All)
        {
            command.Options.Add(option);
        }
        command.Options.Add(ServeHelp.CreateOption());
        command.SetAction((parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            if (parse.UnmatchedTokens.Count > 0)
            {
                error.WriteLine($"'{parse.UnmatchedTokens[0]}' is not an option of flags serve. See flags serve --help for the options.");
                return Task.FromResult(ExitCodes.Usage);
            }
            if (parse.RootCommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).FirstOrDefault() is { } stray)
            {
                error.WriteLine($"flags serve takes no country codes ('{stray.Value}'). Put the options after serve, e.g. flags serve --port 0.");
                return Task.FromResult(ExitCodes.Usage);
            }
            return ServeRun.RunAsync(options.ToServerOptions(parse, output), output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>The reference system's port for each mode (fluent-flags-spec.md section 2, 2nd edition).</summary>
    internal static int DefaultPort(ServerMode mode) => mode switch
    {
        ServerMode.Delay => 8001,
        ServerMode.Error => 8002,
        _ => 8000,
    };
}
