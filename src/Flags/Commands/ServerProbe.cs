using System.Net.Sockets;

namespace Flags.Commands;

/// <summary>
/// A TCP connect to the base URL's host and port before the run, so an unreachable server gives one clear line
/// instead of every code failing slowly through its retries. No HTTP request is sent.
/// </summary>
internal static class ServerProbe
{
    /// <summary>Null if a connection could be opened within <paramref name="timeout"/>, else why not.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<string?> WhyUnreachableAsync(Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(baseUrl.IdnHost, baseUrl.Port, limit.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message.TrimEnd('.');
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no connection within {timeout.TotalSeconds:0.###}s";
        }
    }
}
