using System.Globalization;
using Flags.Cli;
using Flags.Server;

namespace Flags.Serve;

/// <summary>The part of the start-up line that says how the server behaves.</summary>
internal static class ServeBanner
{
    /// <summary>E.g. <c>mode: error, 25% faults, 500 ms on half of the rest, seed 7</c>.</summary>
    public static string Describe(FlagServer server)
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
}
