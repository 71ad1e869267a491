namespace Flags.Server;

/// <summary>
/// Settings of a <see cref="FlagServer"/>. Every property has a default that gives the reference system's
/// behaviour for the chosen <see cref="Mode"/>; the others are knobs that override it.
/// </summary>
public sealed partial class FlagServerOptions
{
    /// <summary>The delay of <see cref="ServerMode.Delay"/> and <see cref="ServerMode.Error"/> when
    /// <see cref="Delay"/> is not set: 500 ms.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The error rate of <see cref="ServerMode.Error"/> when <see cref="ErrorRate"/> is not set: 0.25.</summary>
    public const double DefaultErrorRate = 0.25;

    /// <summary>The server's behaviour. The default value is <see cref="ServerMode.Local"/>.</summary>
    public ServerMode Mode { get; init; } = ServerMode.Local;

    /// <summary>
    /// The IP address to listen on (<c>localhost</c> means 127.0.0.1). The default value is <c>"127.0.0.1"</c>:
    /// the server is reachable from this machine only unless told otherwise.
    /// </summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port, 0..65535. The default value is 0: the system picks a free port
    /// (read it from <see cref="FlagServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// How long a held response waits before it is sent. The default value is <see langword="null"/>: the mode's
    /// default, 0 for <see cref="ServerMode.Local"/> and 500 ms for the others. Which responses are held depends on
    /// the mode: every one in <see cref="ServerMode.Local"/> and <see cref="ServerMode.Delay"/>, half of those
    /// that do not fail in <see cref="ServerMode.Error"/>.
    /// </summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// A uniformly random extra delay in [0, Jitter) added to every held response. The default value is
    /// <see cref="TimeSpan.Zero"/>.
    /// </summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>
    /// The probability, 0..1, that a request fails with one of <see cref="Faults"/>; decided per request, so a
    /// retry of the same URL can succeed. The default value is <see langword="null"/>: the mode's default, 0.25 for
    /// <see cref="ServerMode.Error"/> and 0 for the others.
    /// </summary>
    public double? ErrorRate { get; init; }

    /// <summary>
    /// Seeds the per-request decisions (fault or not, which fault, delay jitter, which responses are held), so a
    /// given seed gives the same sequence of outcomes for the same sequence of requests. The default value is
    /// <see langword="null"/>: a random seed.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>
    /// A folder laid out as <c>{Root}/{cc}/{cc}.gif</c> (lower case) plus <c>{Root}/country_codes.txt</c>, served
    /// instead of the built-in flags. Files outside it are never served, symbolic links included. The default value
    /// is <see langword="null"/>: the built-in generated flags of <see cref="CountryCodes.All"/>.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// The fault kinds injected when a request fails, chosen uniformly among them. The default value is
    /// <see langword="null"/>: every <see cref="FaultKind"/>. An empty set with a non-zero error rate is invalid.
    /// </summary>
    public IReadOnlySet<FaultKind>? Faults { get; init; }

    /// <summary>
    /// Receives one line per finished request (time, method, path, status, bytes, elapsed, fault) when set. The
    /// default value is <see langword="null"/>: no request log. Writes are serialised by the server.
    /// </summary>
    public TextWriter? RequestLog { get; init; }

    /// <summary>
    /// The clock used for delays and log time stamps. The default value is <see langword="null"/>:
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? Time { get; init; }
}
