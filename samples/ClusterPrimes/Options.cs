using System.Globalization;
using System.Net;

namespace ClusterPrimes;

/// <summary>The command line: a mode and --name value pairs.</summary>
internal sealed record Options(string Mode, IReadOnlyDictionary<string, string> Values)
{
    public const string Usage =
        "Usage: ClusterPrimes silo --name N --silo-port P --gateway-port G (--redis HOST:PORT | --primary-port P0)\n" +
        "                          [--advertise IP] [--drain-seconds S] [--max-concurrent-work K] [--lifeline stdin]\n" +
        "       ClusterPrimes client (--redis HOST:PORT | --gateways G1,G2,G3) [--max-in-flight K] [--silos N]\n" +
        "       ClusterPrimes ports --count N";

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["silo"] = ["name", "silo-port", "gateway-port", "primary-port", "redis", "advertise", "drain-seconds", "max-concurrent-work", "lifeline"],
        ["client"] = ["redis", "gateways", "max-in-flight", "silos"],
        ["ports"] = ["count"],
    };

    public string Name => Values.GetValueOrDefault("name") ?? "silo";

    public int SiloPort => Number("silo-port");

    public int GatewayPort => Number("gateway-port");

    public int PrimaryPort => Number("primary-port");

    /// <summary>The Redis that holds the cluster's membership; null for localhost clustering.</summary>
    public string? Redis => Values.GetValueOrDefault("redis");

    /// <summary>The address other silos and clients reach this silo at (in a container: the pod's IP); it then listens on every address.</summary>
    public IPAddress? Advertise => Values.TryGetValue("advertise", out var text)
        ? IPAddress.TryParse(text, out var ip) ? ip : throw new FormatException($"--advertise '{text}' is not an IP address.")
        : null;

    public TimeSpan Drain => TimeSpan.FromSeconds(Number("drain-seconds", 30));

    public int? MaxConcurrentWork => Values.ContainsKey("max-concurrent-work") ? Number("max-concurrent-work") : null;

    public bool StdinLifeline => Values.GetValueOrDefault("lifeline") switch
    {
        null => false,
        "stdin" => true,
        var other => throw new FormatException($"--lifeline '{other}' is not known; the only lifeline is 'stdin' (stop when standard input closes)."),
    };

    public IReadOnlyList<int> Gateways => ParseList(Values["gateways"]);

    /// <summary>null: the client derives maxInFlight from the cluster's capacity.</summary>
    public int? MaxInFlight => Values.ContainsKey("max-in-flight") ? Number("max-in-flight") : null;

    /// <summary>How many silos the client waits for (and warms up) before it times anything.</summary>
    public int Silos => Number("silos", 3);

    public int Count => Number("count");

    /// <exception cref="FormatException">A mode or option is missing, unknown or malformed; the message says which.</exception>
    public static Options Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new FormatException("No mode given.");
        }

        if (!Allowed.TryGetValue(args[0], out var allowed))
        {
            throw new FormatException($"'{args[0]}' is not a mode.");
        }

        var values = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"'{args[i]}' is not an option with a value.");
            }

            var name = args[i][2..];
            if (!allowed.Contains(name))
            {
                throw new FormatException($"--{name} is not an option of '{args[0]}'.");
            }

            values[name] = args[i + 1];
        }

        var options = new Options(args[0], values);
        options.Validate();
        return options;
    }

    /// <summary>Reads every option the mode needs now, so that a bad one is a usage error before anything starts.</summary>
    private void Validate()
    {
        switch (Mode)
        {
            case "silo":
                _ = (SiloPort, GatewayPort, Advertise, Drain, MaxConcurrentWork, StdinLifeline);
                if (Redis is null)
                {
                    _ = PrimaryPort;
                }

                break;
            case "client":
                if (Redis is null)
                {
                    _ = Values.ContainsKey("gateways") ? Gateways : throw new FormatException("--redis or --gateways is required.");
                }

                _ = (MaxInFlight, Silos);
                break;
            default:
                _ = Count;
                break;
        }
    }

    private int Number(string name, int? fallback = null) =>
        Values.TryGetValue(name, out var text)
            ? int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new FormatException($"--{name} '{text}' is not a number.")
            : fallback ?? throw new FormatException($"--{name} is required.");

    private static int[] ParseList(string text) =>
        [.. text.Split(',').Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--gateways: '{p}' is not a port."))];
}
