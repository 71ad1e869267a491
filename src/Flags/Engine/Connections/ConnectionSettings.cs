using System.Security.Cryptography.X509Certificates;

namespace Flags.Engine.Connections;

/// <summary>How the client connects: the HTTP version and how server certificates are checked. Bound from the shared options.</summary>
internal sealed record ConnectionSettings
{
    /// <summary>The settings when no connection option is given: negotiate the version, verify certificates against the system's store.</summary>
    public static ConnectionSettings Default { get; } = new();

    /// <summary>--http1.1 / --http2. The default value is <see cref="HttpVersionChoice.Negotiate"/>.</summary>
    public HttpVersionChoice Version { get; init; } = HttpVersionChoice.Negotiate;

    /// <summary>--insecure: accept any server certificate (said once on stderr). The default value is false.</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// --cacert: the certificates (a server's own, or its CA) that are trusted instead of the system's store, as
    /// curl's --cacert; null (the default) for the system's store.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>The --cacert file as given, for messages; null without it.</summary>
    public string? TrustedCertificatesFile { get; init; }
}
