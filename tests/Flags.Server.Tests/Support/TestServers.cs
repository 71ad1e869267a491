using System.Net;

namespace Flags.Server.Tests.Support;

/// <summary>Starts real servers on 127.0.0.1 port 0 and clients that talk to them.</summary>
public static class TestServers
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static Task<FlagServer> StartAsync(FlagServerOptions? options = null) =>
        FlagServer.StartAsync(options ?? new FlagServerOptions()).WaitAsync(StartTimeout);

    /// <summary>A keep-alive client with no automatic decompression, caching or redirects.</summary>
    public static HttpClient Client(TimeSpan? timeout = null, int maxConnections = 16) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
        };

    public static Uri Flag(this FlagServer server, string code) =>
        new($"{server.BaseUrl}/{code}/{code}.gif");
}
