using System.CommandLine;
using Flags.Cli;
using Flags.Server;

namespace Flags.Serve;

/// <summary>The options of <c>flags serve</c>, one per <see cref="FlagServerOptions"/> property, and how a parse
/// result becomes a <see cref="FlagServerOptions"/>.</summary>
internal sealed class ServeOptions
{
    public Option<ServerMode?> Mode { get; } = new(ServeOptionNames.Mode)
    {
        Description = "Server behaviour: local (answers at once), delay (holds every response 500 ms), error (fails 25% of requests, holds half of the rest 500 ms). Default: local.",
        HelpName = "MODE",
        CustomParser = result => ServeParsers.Mode(result),
    };

    public Option<int?> Port { get; } = new(ServeOptionNames.Port)
    {
        Description = "TCP port; 0 picks a free one. Default: the reference's port for the mode (local 8000, delay 8001, error 8002).",
        HelpName = "PORT",
        CustomParser = ServeParsers.Port,
    };

    public Option<string?> Host { get; } = new(ServeOptionNames.Host)
    {
        Description = "IP address to listen on. Default: 127.0.0.1 (this machine only).",
        HelpName = "HOST",
    };

    public Option<TimeSpan?> Delay { get; } = new(ServeOptionNames.Delay)
    {
        Description = "Hold of a delayed response (250 = ms, 500ms, 1.5s). Default: the mode's (0 local, 500 ms delay and error).",
        HelpName = "TIME",
        CustomParser = result => TimeSpanParser.For(ServeOptionNames.Delay)(result),
    };

    public Option<TimeSpan> Jitter { get; } = new(ServeOptionNames.Jitter)
    {
        Description = "Random extra hold in [0, TIME) added to each delayed response. Default: 0.",
        HelpName = "TIME",
        CustomParser = TimeSpanParser.For(ServeOptionNames.Jitter),
    };

    public Option<double?> ErrorRate { get; } = new(ServeOptionNames.ErrorRate)
    {
        Description = "Probability 0..1 that a request fails. Default: the mode's (0.25 error, 0 otherwise).",
        HelpName = "RATE",
        CustomParser = ServeParsers.ErrorRate,
    };

    public Option<FaultKind[]> Faults { get; } = new(ServeOptionNames.Faults)
    {
        Description = $"Fault kinds to inject, comma-separated: {FaultKindNames.Listing}. Default: all.",
        HelpName = "KINDS",
        CustomParser = ServeParsers.Faults,
    };

    public Option<int?> Seed { get; } = new(ServeOptionNames.Seed)
    {
        Description = "Seed for a reproducible mix of faults and delays. Default: random (printed on start).",
        HelpName = "N",
        CustomParser = ServeParsers.Seed,
    };

    public Option<string?> Root { get; } = new(ServeOptionNames.Root)
    {
        Description = "Serve DIR/{cc}/{cc}.gif and DIR/country_codes.txt instead of the built-in flags.",
        HelpName = "DIR",
    };

    public Option<bool> Tls { get; } = new(ServeOptionNames.Tls)
    {
        Description = "Serve HTTPS (HTTP/1.1 and HTTP/2 by ALPN) with a self-signed certificate made at start for 127.0.0.1, ::1 and localhost; its fingerprint is printed.",
    };

    public Option<string?> Certificate { get; } = new(ServeOptionNames.Certificate)
    {
        Description = "Serve HTTPS with this PEM certificate (needs --key).",
        HelpName = "FILE",
    };

    public Option<string?> Key { get; } = new(ServeOptionNames.Key)
    {
        Description = "The PEM private key of --cert.",
        HelpName = "FILE",
    };

    public Option<bool> Http2 { get; } = new(ServeOptionNames.Http2)
    {
        Description = "Serve cleartext HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1. Without TLS only.",
    };

    public Option<bool> Verbose { get; } = new(ServeOptionNames.Verbose, "-v")
    {
        Description = "Log one line per request.",
    };

    /// <summary>Every option, in help order.</summary>
    public IEnumerable<Option> All => [Mode, Port, Host, Delay, Jitter, ErrorRate, Faults, Seed, Root, Tls, Certificate, Key, Http2, Verbose];

    /// <summary>The server settings the user asked for (not yet validated).</summary>
    public FlagServerOptions ToServerOptions(ParseResult parse, TextWriter output)
    {
        ServerMode mode = parse.GetValue(Mode) ?? ServerMode.Local;
        return new FlagServerOptions
        {
            Mode = mode,
            Host = parse.GetValue(Host) ?? "127.0.0.1",
            Port = parse.GetValue(Port) ?? ServeCommand.DefaultPort(mode),
            Delay = parse.GetValue(Delay),
            Jitter = parse.GetValue(Jitter),
            ErrorRate = parse.GetValue(ErrorRate),
            Faults = parse.GetValue(Faults) is { Length: > 0 } kinds ? new HashSet<FaultKind>(kinds) : null,
            Seed = parse.GetValue(Seed),
            Root = parse.GetValue(Root),
            Tls = parse.GetValue(Tls),
            CertificatePath = parse.GetValue(Certificate),
            KeyPath = parse.GetValue(Key),
            Http2 = parse.GetValue(Http2),
            RequestLog = parse.GetValue(Verbose) ? output : null,
        };
    }
}
