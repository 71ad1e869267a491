using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Flags.Engine.Connections;

/// <summary>
/// Puts <see cref="ConnectionSettings"/> on a handler (certificate checks, the HTTP version of every request) and turns
/// a failed TLS handshake into one clear cause. Used by every client of a run: the fetcher, the code list, the probe.
/// </summary>
internal static class HttpTransport
{
    /// <summary>What to do about a certificate the client refused.</summary>
    public const string CertificateRemedy = "Give the server's certificate or its CA with --cacert FILE, or use --insecure for a test server.";

    /// <summary>
    /// Configures <paramref name="handler"/> and returns the handler to give the <see cref="HttpClient"/>: one that
    /// sets each request's version (see <see cref="HttpVersionHandler"/>) over <paramref name="handler"/>.
    /// </summary>
    public static HttpMessageHandler Wrap(SocketsHttpHandler handler, ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        Configure(handler.SslOptions, settings);

        // HTTP/2: one multiplexed connection per host (scheme, host, port). A request beyond the server's stream limit
        // waits for a stream instead of opening another connection; the run's -m bounds the streams in flight.
        handler.EnableMultipleHttp2Connections = false;
        return new HttpVersionHandler(settings.Version, handler);
    }

    /// <summary>Sets how the server's certificate is checked: any accepted (--insecure), against --cacert, or the system's store.</summary>
    public static void Configure(SslClientAuthenticationOptions ssl, ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Insecure)
        {
#pragma warning disable CA5359 // --insecure is the user's explicit choice, and the run says so on stderr.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (settings.TrustedCertificates is { } trusted)
        {
            // As curl's --cacert: these certificates instead of the system's store. The host name is still checked.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(trusted);
            ssl.CertificateChainPolicy = policy;
        }
    }

    /// <summary>
    /// The cause, in words, when <paramref name="exception"/> (or one inside it) is a failed TLS handshake, e.g. "the
    /// server's certificate is not trusted: self-signed or from an authority not trusted here"; null otherwise.
    /// </summary>
    public static string? CertificateProblem(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is AuthenticationException auth)
            {
                var message = auth.Message;
                return message.Contains("NameMismatch", StringComparison.Ordinal)
                    ? "the server's certificate is for another host name"
                    : message.Contains("UntrustedRoot", StringComparison.Ordinal) || message.Contains("PartialChain", StringComparison.Ordinal)
                    ? "the server's certificate is not trusted: self-signed or from an authority not trusted here"
                    : message.Contains("NotTimeValid", StringComparison.Ordinal)
                    ? "the server's certificate has expired or is not valid yet"
                    : $"the TLS handshake failed ({message.TrimEnd('.')})";
            }
        }

        return null;
    }
}
