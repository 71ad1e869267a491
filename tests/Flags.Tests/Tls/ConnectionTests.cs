using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.Tls;

/// <summary>
/// What the connection options change (issue 18): HTTP/2 shares one connection per host, a refused certificate is one
/// clear line, and bad connection options are usage errors before any request.
/// </summary>
public class ConnectionTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(Transport.HttpsHttp2, 1)]
    [InlineData(Transport.H2c, 1)]
    [InlineData(Transport.HttpsHttp11, 8)]
    public async Task Fetch_ManyFilesFromOneHost_Http2SharesOneConnection(Transport transport, int connections)
    {
        // Arrange: 40 flags, each held 100 ms by the server, so 8 are always in flight at once; counted at a TCP proxy.
        await using var server = await TlsServer.StartAsync(transport, new FlagServerOptions { Mode = ServerMode.Delay, Delay = TimeSpan.FromMilliseconds(100) });
        await using var proxy = new CountingTcpProxy(server.Server.BaseUrl);
        using var folder = new TempDirectory();
        var urls = CountryCodes.All.Take(40).Select(cc => $"{proxy.Through(server.Server.BaseUrl)}/{cc.ToLowerInvariant()}/{cc.ToLowerInvariant()}.gif");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", .. urls, "-m", "8", "-o", folder.Path, .. server.ClientArgs()]);

        // Assert: HTTP/2 multiplexes the 8 downloads in flight on one connection; HTTP/1.1 needs one each.
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(40, folder.Files("*.gif").Length);
        Assert.Equal(connections, proxy.Accepted);
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_WrongCertificate_OneLineSaysWhatToDoAndNoRequest()
    {
        // Arrange: --cacert names another server's certificate.
        var log = new RequestLog();
        await using var server = await TlsServer.StartAsync(Transport.HttpsHttp2, new FlagServerOptions { RequestLog = log });
        await using var other = await TlsServer.StartAsync(Transport.HttpsHttp2);
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["BR", "CN", "-v", "-s", server.Url, "--cacert", other.CertificateFile!, "-o", folder.Path]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"Cannot reach {server.Url}: the server's certificate is not trusted: self-signed or from an authority not trusted here. Give the server's certificate or its CA with --cacert FILE, or use --insecure for a test server.{Environment.NewLine}",
            run.Error);
        Assert.Contains("BR error: cannot reach the server: the server's certificate is not trusted: self-signed or from an authority not trusted here", run.OutputLines);
        Assert.Empty(log.ToString());
        Assert.Empty(folder.Files());
    }

    [Fact(Timeout = 60_000)]
    public async Task Fetch_UntrustedCertificate_OneCauseLinePerItemWithoutRetries()
    {
        // Arrange: no --cacert, so the self-signed certificate is checked against the system's store.
        var log = new RequestLog();
        await using var server = await TlsServer.StartAsync(Transport.HttpsHttp2, new FlagServerOptions { RequestLog = log });
        using var folder = new TempDirectory();
        var url = $"{server.Url}/br/br.gif";

        // Act
        var run = await FlagsRun.RunAsync(["fetch", url, "-v", "--retry-delay", "1ms", "-o", folder.Path]);

        // Assert: a refused certificate stays refused, so it is not retried.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"line 1: {url} error: the server's certificate is not trusted: self-signed or from an authority not trusted here (give --cacert FILE or --insecure) after 1 try",
            run.OutputLines);
        Assert.Empty(log.ToString());
        Assert.Empty(folder.Files());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("--http1.1 --http2", "Give --http1.1 or --http2, not both.")]
    [InlineData("--insecure --cacert {pem}", "Give --cacert FILE (verify against it) or --insecure (do not verify), not both.")]
    [InlineData("--cacert {dir}/missing.pem", "--cacert '{dir}/missing.pem' does not exist. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).")]
    [InlineData("--cacert {dir}/empty.pem", "--cacert '{dir}/empty.pem' holds no certificate. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).")]
    [InlineData("--cacert {dir}", "--cacert '{dir}' is a folder. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).")]
    public async Task ConnectionOptions_Contradictory_OneUsageLineBeforeAnyRequest(string options, string message)
    {
        // Arrange
        var log = new RequestLog();
        await using var server = await TlsServer.StartAsync(Transport.HttpsHttp2, new FlagServerOptions { RequestLog = log });
        using var folder = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "empty.pem"), "not a certificate\n");
        string Fill(string text) => text.Replace("{pem}", server.CertificateFile, StringComparison.Ordinal).Replace("{dir}", folder.Path, StringComparison.Ordinal);

        foreach (var command in new[] { new[] { "BR", "-s", server.Url }, ["fetch", $"{server.Url}/br/br.gif"] })
        {
            // Act
            var run = await FlagsRun.RunAsync([.. command, .. Fill(options).Split(' '), "-o", Path.Combine(folder.Path, "out")]);

            // Assert
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(Fill(message) + Environment.NewLine, run.Error);
            Assert.Empty(run.Output);
        }

        Assert.Empty(log.ToString());
    }
}
