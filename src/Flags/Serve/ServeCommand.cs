using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Flags.Cli;
using Flags.Server;

namespace Flags.Serve;

/// <summary>
/// <c>flags serve</c>: runs the embedded flag server on its own for other clients (curl, a browser, the Python
/// originals) until Ctrl+C or SIGTERM. Exit codes: 0 after a clean stop, 1 when the address cannot be bound,
/// 2 for bad option values.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Creates the <c>serve</c> command with its options and action.</summary>
    public static Command Create()
    {
        var mode = new Option<ServerMode>("--mode")
        {
            Description = "Server behaviour: local (answers at once), delay (holds every response 500 ms), error (fails 25% of requests, holds half of the rest 500 ms).",
            HelpName = "local|delay|error",
            DefaultValueFactory = _ => ServerMode.Local,
            CustomParser = ParseMode,
        };
        var port = new Option<int?>("--port")
        {
            Description = "TCP port; 0 picks a free one. Default: the reference's port for the mode (local 8000, delay 8001, error 8002).",
            HelpName = "N",
            CustomParser = ParsePort,
        };
        var host = new Option<string>("--host")
        {
            Description = "IP address to listen on. Default: 127.0.0.1 (this machine only).",
            HelpName = "ADDRESS",
            DefaultValueFactory = _ => "127.0.0.1",
            CustomParser = ParseHost,
        };
        var delay = new Option<TimeSpan?>("--delay")
        {
            Description = "Hold of a delayed response (250 = ms, 500ms, 1.5s). Default: the mode's (0 local, 500 ms delay and error).",
            HelpName = "TIME",
            CustomParser = result => TimeSpanParser.For("--delay")(result),
        };
        var jitter = new Option<TimeSpan>("--jitter")
        {
            Description = "Random extra hold in [0, TIME) added to each delayed response. Default: 0.",
            HelpName = "TIME",
            CustomParser = TimeSpanParser.For("--jitter"),
        };
        var errorRate = new Option<double?>("--error-rate")
        {
            Description = "Probability 0..1 that a request fails. Default: the mode's (0.25 error, 0 otherwise).",
            HelpName = "P",
            CustomParser = ParseErrorRate,
        };
        var faults = new Option<FaultKind[]>("--faults")
        {
            Description = $"Fault kinds to inject, comma-separated: {FaultKindNames.Listing}. Default: all.",
            HelpName = "KINDS",
            CustomParser = ParseFaults,
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed for a reproducible mix of faults and delays. Default: random (printed on start).",
            HelpName = "N",
            CustomParser = ParseSeed,
        };
        var root = new Option<string?>("--root")
        {
            Description = "Serve DIR/{cc}/{cc}.gif and DIR/country_codes.txt instead of the built-in flags.",
            HelpName = "DIR",
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Log one line per request.",
        };

        var command = new Command("serve", "Run the flag server until Ctrl+C: GET {url}/{cc}/{cc}.gif and {url}/country_codes.txt.")
        {
            mode, port, host, delay, jitter, errorRate, faults, seed, root, verbose,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            ServerMode chosenMode = parseResult.GetValue(mode);
            var options = new FlagServerOptions
            {
                Mode = chosenMode,
                Host = parseResult.GetValue(host) ?? "127.0.0.1",
                Port = parseResult.GetValue(port) ?? DefaultPort(chosenMode),
                Delay = parseResult.GetValue(delay),
                Jitter = parseResult.GetValue(jitter),
                ErrorRate = parseResult.GetValue(errorRate),
                Faults = parseResult.GetValue(faults) is { Length: > 0 } kinds ? new HashSet<FaultKind>(kinds) : null,
                Seed = parseResult.GetValue(seed),
                Root = parseResult.GetValue(root),
                RequestLog = parseResult.GetValue(verbose) ? parseResult.InvocationConfiguration.Output : null,
            };
            return RunAsync(options, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken);
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

    /// <summary>Starts the server, prints its URL, waits for cancellation, stops it.</summary>
    internal static async Task<int> RunAsync(FlagServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (options.Root is { } rootDir && !Directory.Exists(rootDir))
        {
            await error.WriteLineAsync($"Root folder '{rootDir}' does not exist. Give --root a folder laid out as {{cc}}/{{cc}}.gif.").ConfigureAwait(false);
            return 2;
        }

        FlagServer server;
        try
        {
            server = await FlagServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 0; // stopped before it started
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)).ConfigureAwait(false);
            return 2;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"Cannot listen on {options.Host}:{options.Port}: {ex.Message} Use another --port, or --port 0 for any free port.").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"Serving flags at {server.BaseUrl} ({Describe(server)})").ConfigureAwait(false);
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
        return 0;
    }

    /// <summary>E.g. <c>mode: error, 25% faults, 500 ms on half of the rest, seed 7</c>.</summary>
    internal static string Describe(FlagServer server)
    {
        FlagServerOptions options = server.Options;
        var parts = new List<string> { $"mode: {options.Mode.ToString().ToLowerInvariant()}" };
        if (server.ErrorRate > 0)
        {
            string kinds = options.Faults is null ? string.Empty : " (" + string.Join(", ", options.Faults.Order().Select(FaultKindNames.NameOf)) + ")";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{server.ErrorRate:0.##%} faults{kinds}"));
        }
        if (server.Delay > TimeSpan.Zero || options.Jitter > TimeSpan.Zero)
        {
            string hold = TimeSpanParser.Format(server.Delay);
            if (options.Jitter > TimeSpan.Zero)
            {
                hold += " + up to " + TimeSpanParser.Format(options.Jitter);
            }
            parts.Add(options.Mode == ServerMode.Error ? hold + " on half of the rest" : hold);
        }
        if (server.ErrorRate > 0 || options.Mode == ServerMode.Error || options.Jitter > TimeSpan.Zero)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"seed {server.Seed}"));
        }
        if (options.Root is not null)
        {
            parts.Add($"root: {Path.GetFullPath(options.Root)}");
        }
        return string.Join(", ", parts);
    }

    private static ServerMode ParseMode(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (Enum.TryParse(text, ignoreCase: true, out ServerMode mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _))
        {
            return mode;
        }
        result.AddError($"'{text}' is not a server mode for --mode. Use local, delay or error.");
        return default;
    }

    private static int? ParsePort(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value <= 65535)
        {
            return value;
        }
        result.AddError($"'{text}' is not a port for --port. Use 0 (any free port) to 65535.");
        return null;
    }

    private static int? ParseSeed(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }
        result.AddError($"'{text}' is not a seed for --seed. Use a whole number, e.g. 42.");
        return null;
    }

    private static string ParseHost(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(text.Trim('[', ']'), out _))
        {
            return text;
        }
        result.AddError($"'{text}' is not an IP address for --host. Use 127.0.0.1 (the default), ::1 or another address of this machine.");
        return "127.0.0.1";
    }

    private static double? ParseErrorRate(ArgumentResult result)
    {
        string text = SingleToken(result);
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && value <= 1)
        {
            return value;
        }
        result.AddError($"'{text}' is not a probability for --error-rate. Use a number from 0 to 1, e.g. 0.25.");
        return null;
    }

    private static FaultKind[] ParseFaults(ArgumentResult result)
    {
        var kinds = new List<FaultKind>();
        foreach (string text in result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!FaultKindNames.TryParse(text, out FaultKind kind))
            {
                result.AddError($"'{text}' is not a fault kind for --faults. Use some of: {FaultKindNames.Listing}.");
                return [];
            }
            kinds.Add(kind);
        }
        if (kinds.Count == 0)
        {
            result.AddError($"--faults needs at least one kind: {FaultKindNames.Listing}.");
        }
        return [.. kinds.Distinct()];
    }

    private static string SingleToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
