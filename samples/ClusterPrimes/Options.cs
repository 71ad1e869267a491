using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClusterPrimes;

/// <summary>The command line: a mode and --name value pairs.</summary>
internal sealed record Options(string Mode, string Name, int SiloPort, int GatewayPort, int PrimaryPort, IReadOnlyList<int> Gateways, int MaxInFlight, int Count)
{
    public const string Usage =
        "Usage: ClusterPrimes silo --name N --silo-port P --gateway-port G --primary-port P0\n" +
        "       ClusterPrimes client --gateways G1,G2,G3 [--max-in-flight K]\n" +
        "       ClusterPrimes ports --count N";

    /// <exception cref="FormatException">An option is missing or not a number; the message says which.</exception>
    public static Options Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new FormatException("No mode given.");
        }

        var values = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"'{args[i]}' is not an option with a value.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Number(string name, int? fallback = null) =>
            values.TryGetValue(name, out var text)
                ? int.TryParse(text, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--{name} '{text}' is not a number.")
                : fallback ?? throw new FormatException($"--{name} is required.");

        return args[0] switch
        {
            "silo" => new Options("silo", values.GetValueOrDefault("name") ?? "silo", Number("silo-port"), Number("gateway-port"), Number("primary-port"), [], 0, 0),
            "client" => new Options("client", "client", 0, 0, 0, ParseList(values.GetValueOrDefault("gateways") ?? throw new FormatException("--gateways is required.")), Number("max-in-flight", 6), 0),
            "ports" => new Options("ports", "ports", 0, 0, 0, [], 0, Number("count")),
            _ => throw new FormatException($"'{args[0]}' is not a mode."),
        };
    }

    /// <summary>Free TCP ports on 127.0.0.1, found by binding port 0 (all held until all are found, so they differ).</summary>
    public static IReadOnlyList<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static int[] ParseList(string text) =>
        [.. text.Split(',').Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"--gateways: '{p}' is not a port."))];
}
