using System.Text.Json;
using Flags.Tests.Support;

namespace Flags.Tests.Native;

/// <summary>The TLS and HTTP/2 client in the published Native AOT executable (what trimming could break: OpenSSL, ALPN, X509 trust).</summary>
public class NativeTlsTests
{
    [NativeTheory(Timeout = 60000)]
    [InlineData(Transport.HttpsHttp2)]
    [InlineData(Transport.HttpsHttp11)]
    [InlineData(Transport.H2c)]
    public async Task Native_Https_EveryOutcomeWithTheServersCertificateTrusted(Transport transport)
    {
        // Arrange: the embedded server in the test process, its generated certificate in a PEM file for --cacert.
        await using var server = await TlsServer.StartAsync(transport);
        using var output = new TempDirectory();

        // Act
        using var flags = FlagsProcess.StartExecutable(NativeBinary.Path!, ["BR", "CN", "QQ", "--json", "-s", server.Url, "-o", output.Path, .. server.ClientArgs()]);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var statuses = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["ok", "ok", "not_found"], statuses);
        Assert.Equal(2, output.Files("*.gif").Length);
    }

    [NativeFact(Timeout = 60000)]
    public async Task Native_UntrustedCertificate_OneCannotReachLine()
    {
        // Arrange
        await using var server = await TlsServer.StartAsync(Transport.HttpsHttp2);
        using var output = new TempDirectory();

        // Act
        using var flags = FlagsProcess.StartExecutable(NativeBinary.Path!, ["BR", "-s", server.Url, "-o", output.Path]);
        var run = await flags.WaitAsync();

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Cannot reach {server.Url}: the server's certificate is not trusted: self-signed or from an authority not trusted here. Give the server's certificate or its CA with --cacert FILE, or use --insecure for a test server.", run.Error, StringComparison.Ordinal);
        Assert.Empty(output.Files());
    }
}
