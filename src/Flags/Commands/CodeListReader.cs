using Flags.Reporting;

namespace Flags.Commands;

/// <summary>Reads the server's <c>country_codes.txt</c> for -a: whitespace-separated codes.</summary>
internal static class CodeListReader
{
    /// <summary>The codes, or the one line to print when the list cannot be read.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<(IReadOnlyList<string> Codes, string? Error)> ReadAsync(
        Uri uri, TimeSpan timeout, Engine.Connections.ConnectionSettings connection, CancellationToken cancellationToken)
    {
        using var handler = Engine.Connections.HttpTransport.Wrap(new SocketsHttpHandler { UseProxy = false, UseCookies = false }, connection);
        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return ([], $"Cannot read the code list {TerminalText.Url(uri)}: HTTP {(int)response.StatusCode} {TerminalText.Safe(response.ReasonPhrase)}. Give codes or use -e instead of -a.");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var codes = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (codes.FirstOrDefault(c => c.Length != 2 || !c.All(char.IsAsciiLetter)) is { } bad)
            {
                return ([], $"The code list {TerminalText.Url(uri)} holds '{TerminalText.Safe(bad)}', which is not a country code. Give codes or use -e instead of -a.");
            }

            return (codes, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ([], $"Cannot read the code list {TerminalText.Url(uri)}: {TerminalText.Safe(ex.Message.TrimEnd('.'))}. Give codes or use -e instead of -a.");
        }
    }
}
