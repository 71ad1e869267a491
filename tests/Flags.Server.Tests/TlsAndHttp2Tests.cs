using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

/// <summary>How a test client talks to the server (issue 18 part 4).</summary>
public enum Transport
{
    /// <summary>HTTPS, HTTP/1.1 by ALPN.</summary>
    Https11,

    /// <summary>HTTPS, HTTP/2 by ALPN.</summary>
    Https2,

    /// <summary>Cleartext HTTP/2 with prior knowledge (h2c).</summary>
    H2c,
}

/// <summary>
/// The server over HTTPS (self-signed or PEM certificate) and HTTP/2: the same answers, holds and faults as over
/// HTTP/1.1, seen through HttpClient with an exact version policy and a trust store holding only the server's
/// certificate.
/// </summary>
public sealed class TlsAndHttp2Tests
{
    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https11)]
    [InlineData(Transport.Https2)]
    [InlineData(Transport.H2c)]
    public async Task Get_Flag_SameBytesAsPlainHttpOnTheAskedVersion(Transport transport)
    {
        // Arrange
        await using FlagServer plain = await TestServers.StartAsync();
        await using FlagServer server = await StartAsync(transport);
        using HttpClient plainClient = TestServers.Client();
        using HttpClient client = ClientFor(server);
        byte[] expected = await plainClient.GetByteArrayAsync(plain.Flag("br"));

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), transport));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VersionOf(transport), response.Version);
        Assert.Equal(expected, body);
        Assert.Equal(transport == Transport.H2c ? "http" : "https", server.BaseUrl.Scheme);
    }

    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https11)]
    [InlineData(Transport.Https2)]
    [InlineData(Transport.H2c)]
    public async Task Get_DelayMode_HeldForTheDelay(Transport transport)
    {
        // Arrange
        TimeSpan delay = TimeSpan.FromMilliseconds(300);
        await using FlagServer server = await StartAsync(transport, new FlagServerOptions { Mode = ServerMode.Delay, Delay = delay });
        using HttpClient client = ClientFor(server);
        var clock = Stopwatch.StartNew();

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), transport));
        await response.Content.ReadAsByteArrayAsync();
        TimeSpan elapsed = clock.Elapsed;

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VersionOf(transport), response.Version);
        Assert.True(elapsed >= delay - TimeSpan.FromMilliseconds(20), $"Answered after {elapsed.TotalMilliseconds:0} ms.");
    }

    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https11, FaultKind.Http500, 500)]
    [InlineData(Transport.Https2, FaultKind.Http500, 500)]
    [InlineData(Transport.H2c, FaultKind.Http500, 500)]
    [InlineData(Transport.Https11, FaultKind.Http503, 503)]
    [InlineData(Transport.Https2, FaultKind.Http503, 503)]
    [InlineData(Transport.H2c, FaultKind.Http503, 503)]
    [InlineData(Transport.Https11, FaultKind.Http429, 429)]
    [InlineData(Transport.Https2, FaultKind.Http429, 429)]
    [InlineData(Transport.H2c, FaultKind.Http429, 429)]
    public async Task Get_StatusFault_TheStatusAndRetryAfter(Transport transport, FaultKind kind, int status)
    {
        // Arrange
        await using FlagServer server = await StartAsync(transport, Failing(kind));
        using HttpClient client = ClientFor(server);

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), transport));

        // Assert
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(VersionOf(transport), response.Version);
        Assert.Equal(kind == FaultKind.Http500 ? null : TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https11, FaultKind.ResetMidBody)]
    [InlineData(Transport.Https2, FaultKind.ResetMidBody)]
    [InlineData(Transport.H2c, FaultKind.ResetMidBody)]
    [InlineData(Transport.Https11, FaultKind.ShortBody)]
    [InlineData(Transport.Https2, FaultKind.ShortBody)]
    [InlineData(Transport.H2c, FaultKind.ShortBody)]
    public async Task Get_BodyFault_HeadersThenTheBodyFails(Transport transport, FaultKind kind)
    {
        // Arrange
        await using FlagServer server = await StartAsync(transport, Failing(kind));
        using HttpClient client = ClientFor(server);

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), transport), HttpCompletionOption.ResponseHeadersRead);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());

        // Assert: the full length was promised, then the body broke (not a time-out).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VersionOf(transport), response.Version);
        Assert.True(response.Content.Headers.ContentLength > 0);
        Assert.True(error is HttpRequestException or IOException, error.ToString());
    }

    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https11)]
    [InlineData(Transport.Https2)]
    [InlineData(Transport.H2c)]
    public async Task Get_Stall_HeadersThenNothingUntilTheClientGivesUp(Transport transport)
    {
        // Arrange
        await using FlagServer server = await StartAsync(transport, Failing(FaultKind.Stall));
        using HttpClient client = ClientFor(server);

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), transport), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => body.CopyToAsync(Stream.Null, giveUp.Token));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(giveUp.IsCancellationRequested, $"The body ended before the client gave up: {error}");
    }

    [Theory(Timeout = 30000)]
    [InlineData(Transport.Https2)]
    [InlineData(Transport.H2c)]
    public async Task Get_BlobRangeOverHttp2_TheSliceOfTheFullBody(Transport transport)
    {
        // Arrange
        await using FlagServer server = await StartAsync(transport);
        using HttpClient client = ClientFor(server);
        HttpRequestMessage request = Get(server.BlobUrl(1 << 20, seed: 6), transport);
        request.Headers.Range = new RangeHeaderValue(1000, 70_999);

        // Act
        using HttpResponseMessage response = await client.SendAsync(request);
        byte[] part = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(BlobTests.Generate(1 << 20, 6).AsSpan(1000, 70_000).ToArray(), part);
    }

    [Fact(Timeout = 30000)]
    public async Task Start_PemPair_ServesThatCertificate()
    {
        // Arrange
        using var folder = new TempDirectory();
        using X509Certificate2 made = MakeCertificate(out string keyPem);
        string certPath = folder.Write("cert.pem", System.Text.Encoding.ASCII.GetBytes(made.ExportCertificatePem()));
        string keyPath = folder.Write("key.pem", System.Text.Encoding.ASCII.GetBytes(keyPem));
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { CertificatePath = certPath, KeyPath = keyPath });
        using HttpClient client = ClientFor(server);

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server.Flag("br"), Transport.Https2));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(made.Thumbprint, server.Certificate?.Thumbprint);
        Assert.Equal(made.ExportCertificatePem(), server.CertificatePem);
    }

    [Fact(Timeout = 30000)]
    public async Task Start_SelfSigned_NotTrustedByDefault()
    {
        // Arrange: the system store does not hold it, so a client that was not told must refuse.
        await using FlagServer server = await StartAsync(Transport.Https11);
        using HttpClient client = TestServers.Client();

        // Act
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Flag("br")));

        // Assert
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
        Assert.Contains("127.0.0.1", server.Certificate!.GetNameInfo(X509NameType.SimpleName, false) + string.Join(',', SubjectAltNames(server.Certificate)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadCertificateFiles_OneProblemEach()
    {
        // Arrange
        using var folder = new TempDirectory();
        string garbage = folder.Write("garbage.pem", System.Text.Encoding.ASCII.GetBytes("not a certificate\n"));
        using X509Certificate2 one = MakeCertificate(out _);
        using X509Certificate2 other = MakeCertificate(out string otherKey);
        string certPath = folder.Write("one.pem", System.Text.Encoding.ASCII.GetBytes(one.ExportCertificatePem()));
        string wrongKey = folder.Write("other-key.pem", System.Text.Encoding.ASCII.GetBytes(otherKey));
        string missing = Path.Join(folder.Path, "missing.pem");

        // Act
        IReadOnlyList<string> garbageProblems = new FlagServerOptions { CertificatePath = garbage, KeyPath = garbage }.Validate();
        IReadOnlyList<string> mismatched = new FlagServerOptions { CertificatePath = certPath, KeyPath = wrongKey }.Validate();
        IReadOnlyList<string> absent = new FlagServerOptions { CertificatePath = missing, KeyPath = wrongKey }.Validate();
        IReadOnlyList<string> alone = new FlagServerOptions { CertificatePath = certPath }.Validate();
        IReadOnlyList<string> both = new FlagServerOptions { Tls = true, Http2 = true }.Validate();

        // Assert
        Assert.StartsWith($"'{garbage}' (CertificatePath) and '{garbage}' (KeyPath) are not a PEM certificate and its private key:", Assert.Single(garbageProblems), StringComparison.Ordinal);
        Assert.StartsWith($"'{certPath}' (CertificatePath) and '{wrongKey}' (KeyPath) are not a PEM certificate and its private key:", Assert.Single(mismatched), StringComparison.Ordinal);
        Assert.Equal($"'{missing}' for CertificatePath does not exist. Give a PEM file.", Assert.Single(absent));
        Assert.StartsWith("CertificatePath and KeyPath go together", Assert.Single(alone), StringComparison.Ordinal);
        Assert.StartsWith("Http2 is cleartext HTTP/2 (h2c)", Assert.Single(both), StringComparison.Ordinal);
        Assert.All(garbageProblems.Concat(mismatched), p => Assert.DoesNotContain('\n', p));
    }

    private static FlagServerOptions Failing(FaultKind kind) => new()
    {
        Mode = ServerMode.Error,
        ErrorRate = 1,
        Faults = new HashSet<FaultKind> { kind },
        Delay = TimeSpan.Zero,
    };

    private static Task<FlagServer> StartAsync(Transport transport, FlagServerOptions? options = null)
    {
        options ??= new FlagServerOptions();
        return TestServers.StartAsync(new FlagServerOptions
        {
            Mode = options.Mode,
            ErrorRate = options.ErrorRate,
            Faults = options.Faults,
            Delay = options.Delay,
            Tls = transport != Transport.H2c,
            Http2 = transport == Transport.H2c,
        });
    }

    private static Version VersionOf(Transport transport) => transport == Transport.Https11 ? HttpVersion.Version11 : HttpVersion.Version20;

    private static HttpRequestMessage Get(Uri url, Transport transport) => new(HttpMethod.Get, url)
    {
        Version = VersionOf(transport),
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>A client that trusts the server's certificate and nothing else (host name checked too).</summary>
    private static HttpClient ClientFor(FlagServer server, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        if (server.Certificate is { } certificate)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
            handler.SslOptions.CertificateChainPolicy = policy;
        }
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(20) };
    }

    private static X509Certificate2 MakeCertificate(out string keyPem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static IEnumerable<string> SubjectAltNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses().Select(ip => ip.ToString()));
}
