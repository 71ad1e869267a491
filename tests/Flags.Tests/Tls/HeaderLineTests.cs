using Flags.Engine.Connections;
using Flags.Tests.Support;

namespace Flags.Tests.Tls;

/// <summary>
/// The header's connections line says what happens on the wire (issue 18): over HTTP/2 the requests are streams of
/// one connection per host, not "N concurrent connections".
/// </summary>
public class HeaderLineTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(Transport.HttpsHttp2, false, "3 concurrent requests will be used: HTTP/2 streams of one connection per host if the server offers HTTP/2, else 3 concurrent connections.")]
    [InlineData(Transport.H2c, false, "3 concurrent requests will be used, as HTTP/2 streams of one connection per host.")]
    [InlineData(Transport.HttpsHttp11, false, "3 concurrent connections will be used.")]
    [InlineData(Transport.HttpsHttp2, true, "3 concurrent requests will be used: HTTP/2 streams of one connection per host if the server offers HTTP/2, else 3 concurrent connections.")]
    [InlineData(Transport.H2c, true, "3 concurrent requests will be used, as HTTP/2 streams of one connection per host.")]
    [InlineData(Transport.HttpsHttp11, true, "3 concurrent connections will be used.")]
    public async Task Header_EachTransport_SaysConnectionsOrStreams(Transport transport, bool fetch, string expected)
    {
        // Arrange: three flags, as codes for flags or as URL arguments for flags fetch.
        await using var server = await TlsServer.StartAsync(transport);
        using var folder = new TempDirectory();
        string[] items = fetch
            ? ["fetch", .. new[] { "br", "cn", "in" }.Select(cc => $"{server.Url}/{cc}/{cc}.gif")]
            : ["BR", "CN", "IN", "-s", server.Url];

        // Act
        var run = await FlagsRun.RunAsync([.. items, "-m", "3", "-o", folder.Path, .. server.ClientArgs()]);

        // Assert: the connections line follows the site and codes lines of flags, the source line of fetch.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutputLines[fetch ? 1 : 2]);
    }

    [Fact]
    public void HeaderLine_ListNotReadYet_SaysHttp2IsOneConnectionPerHost()
    {
        // Act: fetch -i reads its list as the run goes, so the schemes are not known when the header is written.
        var line = ConnectionPlan.HeaderLine(64, HttpVersionChoice.Negotiate, https: null);

        // Assert
        Assert.Equal("64 concurrent connections will be used (an https server that offers HTTP/2 gets one connection per host, its requests as streams)", line);
    }

    [Theory]
    [InlineData(true, "1 connection will be used (HTTP/2)")]
    [InlineData(false, "1 connection will be used")]
    public void HeaderLine_OneAtATime_IsOneConnection(bool http2, string expected)
    {
        // Act
        var line = ConnectionPlan.HeaderLine(1, http2 ? HttpVersionChoice.Http2 : HttpVersionChoice.Negotiate, https: true);

        // Assert
        Assert.Equal(expected, line);
    }
}
