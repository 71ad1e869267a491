using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flags.Server;

/// <summary>The certificate of an HTTPS server: loaded from a PEM pair, or self-signed in memory.</summary>
internal static class ServerCertificate
{
    /// <summary>How long a self-signed certificate is valid: long enough for any run, short enough to be disposable.</summary>
    private static readonly TimeSpan SelfSignedLifetime = TimeSpan.FromDays(30);

    /// <summary>The certificate of <paramref name="options"/>: its PEM pair, or a new self-signed one.</summary>
    public static X509Certificate2 For(FlagServerOptions options, TimeProvider time)
    {
        if (options.CertificatePath is { } certificate && options.KeyPath is { } key)
        {
            return TryLoad(certificate, key, out X509Certificate2? loaded, out string? reason)
                ? loaded!
                : throw new ArgumentException(OptionProblems.NotCertificatePair(certificate, key, nameof(options.CertificatePath), nameof(options.KeyPath), reason!));
        }
        return CreateSelfSigned(time.GetUtcNow());
    }

    /// <summary>Loads a PEM certificate and its key; on failure says why in one sentence.</summary>
    public static bool TryLoad(string certificatePath, string keyPath, out X509Certificate2? certificate, out string? reason)
    {
        certificate = null;
        reason = null;
        try
        {
            X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            certificate = Usable(pem);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            reason = ex.Message.TrimEnd('.') + ".";
            return false;
        }
    }

    /// <summary>An ECDSA P-256 certificate for 127.0.0.1, ::1 and localhost, valid from a minute ago for 30 days.</summary>
    public static X509Certificate2 CreateSelfSigned(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=flags serve (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        return Usable(request.CreateSelfSigned(now.AddMinutes(-1), now.Add(SelfSignedLifetime)));
    }

    /// <summary>
    /// A certificate whose private key SslStream can use: Windows refuses the ephemeral keys of PEM and
    /// CreateSelfSigned certificates, so the key goes through a PKCS#12 round trip there (and the original is
    /// disposed); elsewhere the certificate itself.
    /// </summary>
    private static X509Certificate2 Usable(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}
