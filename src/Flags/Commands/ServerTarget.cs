using Flags.Cli;
using Flags.Server;

namespace Flags.Commands;

/// <summary>
/// Where -s points: a label that starts the embedded server in that mode (LOCAL, DELAY, ERROR), the reference's
/// public site (REMOTE), or any http(s) URL used as the base as it is.
/// </summary>
/// <param name="Label">What the header calls it: the label in upper case, or URL for a custom base.</param>
/// <param name="BaseUrl">The base URL, no trailing slash; null until the embedded server has started.</param>
/// <param name="EmbeddedMode">The embedded server's mode, or null when the base is remote.</param>
internal sealed record ServerTarget(string Label, Uri? BaseUrl, ServerMode? EmbeddedMode)
{
    /// <summary>The REMOTE label's base, the reference's public site (2e). Never contacted by tests or benchmarks.</summary>
    public static Uri RemoteBaseUrl { get; } = new("https://www.fluentpython.com/data/flags");

    /// <summary>The accepted labels.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["LOCAL", "DELAY", "ERROR", "REMOTE"];

    /// <summary>Reads a label (case-insensitive) or an http(s) URL (trailing slash trimmed).</summary>
    /// <exception cref="UsageException"><paramref name="text"/> is neither.</exception>
    public static ServerTarget Parse(string text)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "LOCAL": return new("LOCAL", null, ServerMode.Local);
            case "DELAY": return new("DELAY", null, ServerMode.Delay);
            case "ERROR": return new("ERROR", null, ServerMode.Error);
            case "REMOTE": return new("REMOTE", RemoteBaseUrl, null);
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
            {
                return new("URL", uri, null);
            }

            throw new UsageException(
                $"'{text}' is not a usable server URL. Give an absolute http:// or https:// base, e.g. http://127.0.0.1:8000/flags.");
        }

        throw new UsageException(
            $"'{text}' is not a server. Use one of {string.Join(", ", Labels)}, or an http(s):// base URL.");
    }
}
