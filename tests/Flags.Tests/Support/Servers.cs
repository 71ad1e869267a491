using Flags.Server;

namespace Flags.Tests.Support;

/// <summary>Starts embedded flag servers on 127.0.0.1, port 0, for one test each.</summary>
public static class Servers
{
    public static Task<FlagServer> LocalAsync(TextWriter? requestLog = null) =>
        FlagServer.StartAsync(new FlagServerOptions { Mode = ServerMode.Local, RequestLog = requestLog });

    /// <summary>ERROR mode where every request (rate 1.0) or the seeded share fails with one of <paramref name="faults"/>, without delays.</summary>
    public static Task<FlagServer> FailingAsync(double rate, params FaultKind[] faults) =>
        FlagServer.StartAsync(new FlagServerOptions
        {
            Mode = ServerMode.Error,
            ErrorRate = rate,
            Faults = faults.ToHashSet(),
            Delay = TimeSpan.Zero,
            Seed = 42,
        });

    public static string Url(this FlagServer server) => server.BaseUrl.AbsoluteUri;
}
