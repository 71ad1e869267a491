using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flags.Engine.Connections;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// How the downloading commands connect (issue 18): --http1.1, --http2, --insecure and --cacert, part of the shared
/// <see cref="RunOptions"/>. The --cacert file is read and checked when the command line is parsed, so a missing or
/// unreadable file is a usage error before anything starts.
/// </summary>
internal sealed class ConnectionOptions
{
    private readonly Option<bool> _http11 = new("--http1.1")
    {
        Description = "Speak HTTP/1.1 only, on https too. Default: HTTP/2 by ALPN on https (if the server offers it), HTTP/1.1 on http.",
    };

    private readonly Option<bool> _http2 = new("--http2")
    {
        Description = "Speak HTTP/2 only: by ALPN on https, with prior knowledge (h2c) on http. Downloads from one host share one connection, up to -m streams.",
    };

    private readonly Option<bool> _insecure = new("--insecure", "-k")
    {
        Description = "Accept any server certificate (for test servers; said once on stderr).",
    };

    private readonly Option<X509Certificate2Collection?> _cacert = new("--cacert")
    {
        Description = "Trust the PEM certificates in FILE (a server's own or its CA) instead of the system's store, as curl's --cacert.",
        HelpName = "FILE",
        CustomParser = result =>
        {
            var path = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Read(path, out var certificates) is { } problem)
            {
                result.AddError(problem);
            }

            return certificates;
        },
    };

    /// <summary>Adds the options to <paramref name="command"/>, and the check that they are not given against each other.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _http11, _http2, _insecure, _cacert })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(_http11) && result.GetValue(_http2))
            {
                result.AddError("Give --http1.1 or --http2, not both.");
            }
            else if (result.GetValue(_insecure) && result.GetResult(_cacert) is not null)
            {
                result.AddError("Give --cacert FILE (verify against it) or --insecure (do not verify), not both.");
            }
        });
    }

    /// <summary>The settings <paramref name="parse"/> gives.</summary>
    public ConnectionSettings Bind(ParseResult parse)
    {
        var version = parse.GetValue(_http11) ? HttpVersionChoice.Http11
            : parse.GetValue(_http2) ? HttpVersionChoice.Http2
            : HttpVersionChoice.Negotiate;
        var trusted = parse.GetValue(_cacert);
        var insecure = parse.GetValue(_insecure);
        return version == HttpVersionChoice.Negotiate && trusted is null && !insecure
            ? ConnectionSettings.Default
            : new ConnectionSettings
            {
                Version = version,
                Insecure = insecure,
                TrustedCertificates = trusted,
                TrustedCertificatesFile = parse.GetResult(_cacert)?.Tokens[0].Value,
            };
    }

    private static string? Read(string path, out X509Certificate2Collection? certificates)
    {
        certificates = null;
        var shown = TerminalText.Safe(path);
        if (!File.Exists(path))
        {
            return Directory.Exists(path)
                ? $"--cacert '{shown}' is a folder. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----)."
                : $"--cacert '{shown}' does not exist. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).";
        }

        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"--cacert '{shown}' cannot be read as PEM certificates: {TerminalText.Safe(ex.Message.TrimEnd('.'))}. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).";
        }

        if (collection.Count == 0)
        {
            return $"--cacert '{shown}' holds no certificate. Give a PEM file of certificates (-----BEGIN CERTIFICATE-----).";
        }

        certificates = collection;
        return null;
    }
}
