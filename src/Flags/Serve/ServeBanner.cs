using System.Globalization;
using Flags.Cli;
using Flags.Server;

namespace Flags.Serve;

/// <summary>The part of the start-up line that says how the server behaves.</summary>
internal static class ServeBanner
{
    /// <summary>E.g. <c>mode: error, 25% faults, 500 ms on half of the rest, seed 7</c>.</summary>
    public static string Describe(FlagServer server)
    {
        FlagServerOptions options = server.Options;
        var parts = new List<string> { $"mode: {options.Mode.ToString().ToLowerInvariant()}" };
        if (server.ErrorRate > 0)
        {
            string kinds = options.Faults is null ? string.Empty : " (" + string.Join(", ", options.Faults.Order().Select(FaultKindNames.NameOf)) + ")";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{server.ErrorRate:0.##%} faults{kinds}"));
        }
        if (server.Delay > TimeSpan.Zero || options.Jitter > TimeSpan.Zero)
        {
            string hold = TimeSpanParser.Format(server.Delay);
            if (options.Jitter > TimeSpan.Zero)
            {
                hold += " + up to " + TimeSpanParser.Format(options.Jitter);
            }
            parts.Add(options.Mode == ServerMode.Error ? hold + " on half of the rest" : hold);
        }
        if (server.ErrorRate > 0 || options.Mode == ServerMode.Error || options.Jitter > TimeSpan.Zero)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"seed {server.Seed}"));
        }
        if (options.Root is not null)
        {
            parts.Add($"root: {Path.GetFullPath(options.Root)}");
        }
        if (server.Certificate is not null)
        {
            parts.Add("HTTP/1.1 and HTTP/2 over TLS");
        }
        else if (options.Http2)
        {
            parts.Add("HTTP/2 cleartext (h2c, prior knowledge)");
        }
        return string.Join(", ", parts);
    }

    /// <summary>
    /// The line that says which certificate is served, e.g. <c>Certificate: self-signed, SHA-256 AB:CD:...</c>,
    /// or <see langword="null"/> without TLS: enough for a user to check what <c>curl -k</c> or a browser shows.
    /// </summary>
    public static string? DescribeCertificate(FlagServer server)
    {
        if (server.Certificate is not { } certificate)
        {
            return null;
        }
        string fingerprint = Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
        string pairs = string.Join(':', Enumerable.Range(0, fingerprint.Length / 2).Select(i => fingerprint.Substring(i * 2, 2)));
        string origin = server.Options.CertificatePath is { } path ? Path.GetFullPath(path) : "self-signed for 127.0.0.1, ::1, localhost";
        return $"Certificate: {origin}, SHA-256 {pairs}";
    }
}
