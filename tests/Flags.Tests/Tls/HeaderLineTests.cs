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
    [InlineData(Transport.HttpsHttp2, "3 concurrent requests will be used: HTTP/2 streams of one connection per host if the server offers HTTP/2, else 3 concurrent connections.")]
    [InlineData(Transport.H2c, "3 concurrent requests will be used, as HTTP/2 streams of one connection per host.")]
    [InlineData(Transport.HttpsHttp11, "3 concurrent connections will be used.")]
    public async Task Flags_EachTransport_HeaderSaysConnectionsOrStreams(Transport transport, string expected)
    {
        // Arrange
        await using var server = await TlsServer.StartAsync(transport);
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["BR", "CN", "IN", "-m", "3", "-s", server.Url, "-o", folder.Path, .. server.ClientArgs()]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutputLines[2]);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Transport.HttpsHttp2, "2 concurrent requests will be used: HTTP/2 streams of one connection per host if the server offers HTTP/2, else 2 concurrent connections.")]
    [InlineData(Transport.H2c, "2 concurrent requests will be used, as HTTP/2 streams of one connection per host.")]
    [InlineData(Transport.HttpsHttp11, "2 concurrent connections will be used.")]
    public async Task Fetch_UrlArguments_HeaderSaysConnectionsOrStreams(Transport transport, string expected)
    {
        // Arrange
        await using var server = await TlsServer.StartAsync(transport);
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["fetch", $"{server.Url}/br/br.gif", $"{server.Url}/cn/cn.gif", "-m", "2", "-o", folder.Path, .. server.ClientArgs()]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.OutputLines[1]);
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
