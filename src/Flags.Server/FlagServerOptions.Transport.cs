namespace Flags.Server;

/// <content>TLS and HTTP/2 (issue 18 part 4).</content>
public sealed partial class FlagServerOptions
{
    /// <summary>
    /// Serves HTTPS, HTTP/1.1 and HTTP/2 chosen by ALPN. Without <see cref="CertificatePath"/> the certificate is
    /// self-signed, made in memory at start for 127.0.0.1, ::1 and localhost (read it from
    /// <see cref="FlagServer.Certificate"/> to trust it). The default value is <see langword="false"/>: plain HTTP.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>
    /// A PEM certificate file (the chain may follow it) to serve HTTPS with; needs <see cref="KeyPath"/> and turns
    /// TLS on. The default value is <see langword="null"/>: a self-signed certificate when <see cref="Tls"/> is set.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/> (unencrypted PKCS#8, PKCS#1 or SEC1). The
    /// default value is <see langword="null"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>
    /// Serves cleartext HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1; only without TLS (with TLS, HTTP/2
    /// is negotiated by ALPN anyway). The default value is <see langword="false"/>.
    /// </summary>
    public bool Http2 { get; init; }

    /// <summary>Whether the server speaks TLS: <see cref="Tls"/>, or a certificate was given.</summary>
    internal bool UsesTls => Tls || CertificatePath is not null || KeyPath is not null;

    private void AddTransportProblems(List<string> problems, Func<string, string> nameOf)
    {
        string cert = nameOf(nameof(CertificatePath));
        string key = nameOf(nameof(KeyPath));
        if (Http2 && UsesTls)
        {
            problems.Add(OptionProblems.Http2WithTls(nameOf(nameof(Http2)), nameOf(nameof(Tls))));
        }
        if ((CertificatePath is null) != (KeyPath is null))
        {
            problems.Add(OptionProblems.CertificateNeedsKey(cert, key));
            return;
        }
        if (CertificatePath is null || KeyPath is null)
        {
            return;
        }
        bool filesExist = true;
        foreach ((string path, string option) in new[] { (CertificatePath, cert), (KeyPath, key) })
        {
            if (!File.Exists(path))
            {
                problems.Add(OptionProblems.FileMissing(path, option));
                filesExist = false;
            }
        }
        if (filesExist && ServerCertificate.TryLoad(CertificatePath, KeyPath, out _, out string? reason) is false)
        {
            problems.Add(OptionProblems.NotCertificatePair(CertificatePath, KeyPath, cert, key, reason!));
        }
    }
}
