using Flags.Server;

namespace Flags.Tests.Support;

/// <summary>The transports the client is tested over against the embedded server on 127.0.0.1.</summary>
public enum Transport
{
    /// <summary>HTTPS, HTTP/2 chosen by ALPN (the client's default on https).</summary>
    HttpsHttp2,

    /// <summary>HTTPS, the client told --http1.1.</summary>
    HttpsHttp11,

    /// <summary>Cleartext HTTP/2 with prior knowledge (server --http2, client --http2).</summary>
    H2c,
}

/// <summary>
/// An embedded flag server over TLS or h2c, with its generated certificate written as PEM to a temp file for
/// --cacert, and the client arguments each transport needs.
/// </summary>
public sealed class TlsServer : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();

    private TlsServer(FlagServer server, Transport transport)
    {
        Server = server;
        Transport = transport;
        if (server.CertificatePem is { } pem)
        {
            CertificateFile = Path.Combine(_folder.Path, "server.pem");
            File.WriteAllText(CertificateFile, pem);
        }
    }

    public FlagServer Server { get; }

    public Transport Transport { get; }

    /// <summary>The server's certificate as PEM, for --cacert; null for h2c.</summary>
    public string? CertificateFile { get; }

    public string Url => Server.BaseUrl.AbsoluteUri;

    /// <summary>Starts a server for <paramref name="transport"/>; <paramref name="options"/> gives the mode and faults.</summary>
    public static async Task<TlsServer> StartAsync(Transport transport, FlagServerOptions? options = null)
    {
        options ??= new FlagServerOptions();
        var server = await FlagServer.StartAsync(new FlagServerOptions
        {
            Mode = options.Mode,
            Delay = options.Delay,
            ErrorRate = options.ErrorRate,
            Faults = options.Faults,
            Seed = options.Seed,
            RequestLog = options.RequestLog,
            Tls = transport != Transport.H2c,
            Http2 = transport == Transport.H2c,
        });
        return new TlsServer(server, transport);
    }

    /// <summary>The client arguments that pick the transport and trust the server: --cacert FILE, or --insecure.</summary>
    public string[] ClientArgs(bool insecure = false) => Transport switch
    {
        Transport.H2c => ["--http2"],
        Transport.HttpsHttp11 => ["--http1.1", .. Trust(insecure)],
        _ => Trust(insecure),
    };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Dispose();
    }

    private string[] Trust(bool insecure) => insecure ? ["--insecure"] : ["--cacert", CertificateFile!];
}
