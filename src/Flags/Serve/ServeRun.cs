using Flags.Reporting;
using Flags.Server;

namespace Flags.Serve;

/// <summary>One run of <c>flags serve</c>: validate, start, print the URL, wait for Ctrl+C, stop.</summary>
internal static class ServeRun
{
    /// <summary>Runs the server with <paramref name="options"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(FlagServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Every problem, one line each, before anything starts.
        IReadOnlyList<string> problems = options.Validate(ServeOptionNames.For);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
            }
            return ExitCodes.Usage;
        }

        FlagServer server;
        try
        {
            server = await FlagServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok; // stopped before it started
        }
        catch (DirectoryNotFoundException)
        {
            // Removed between the check and the start.
            await error.WriteLineAsync(OptionProblems.RootMissing(options.Root ?? string.Empty, ServeOptionNames.Root)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (ArgumentException ex)
        {
            // The certificate files changed between the check and the start.
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"Cannot listen on {options.Host}:{options.Port}: {ex.Message} Use another --port, or --port 0 for any free port.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"Serving flags at {server.BaseUrl} ({ServeBanner.Describe(server)})").ConfigureAwait(false);
            if (ServeBanner.DescribeCertificate(server) is { } certificate)
            {
                await output.WriteLineAsync(certificate).ConfigureAwait(false);
            }
            await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop.
            }
        }
        await output.WriteLineAsync("Server stopped.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
