using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Flags.Engine.Connections;

namespace Flags.Commands;

/// <summary>
/// A TCP connect to the base URL's host and port before the run (and, for https, a TLS handshake with the run's
/// certificate settings), so an unreachable server or a refused certificate gives one clear line instead of every
/// code failing slowly through its retries. No HTTP request is sent.
/// </summary>
internal static class ServerProbe
{
    /// <summary>Null if a connection (and for https a TLS session) could be opened within <paramref name="timeout"/>, else why not and what to do.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<ProbeFailure?> WhyUnreachableAsync(
        Uri baseUrl, TimeSpan timeout, ConnectionSettings connection, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(baseUrl.IdnHost, baseUrl.Port, limit.Token).ConfigureAwait(false);
            if (baseUrl.Scheme == Uri.UriSchemeHttps)
            {
                // The handshake includes this process's first TLS set-up (the library loaded, the chain built), not
                // only the server's answer: a short --timeout must not turn that into "cannot reach".
                limit.CancelAfter(Engine.RunDefaults.Timeout > timeout ? Engine.RunDefaults.Timeout : timeout);
                var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                await using (tls.ConfigureAwait(false))
                {
                    var options = new SslClientAuthenticationOptions { TargetHost = baseUrl.IdnHost };
                    HttpTransport.Configure(options, connection);
                    await tls.AuthenticateAsClientAsync(options, limit.Token).ConfigureAwait(false);
                }
            }

            return null;
        }
        catch (SocketException ex)
        {
            return new ProbeFailure(ex.Message.TrimEnd('.'), ProbeFailure.NotRunning);
        }
        catch (AuthenticationException ex)
        {
            return new ProbeFailure(HttpTransport.CertificateProblem(ex)!, HttpTransport.CertificateRemedy);
        }
        catch (IOException ex)
        {
            // The port answered but not with TLS (an http server), or closed the handshake.
            return new ProbeFailure($"the TLS handshake failed ({ex.Message.TrimEnd('.')})", "Is it an https server? Use http:// for a plain one.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeFailure($"no connection within {timeout.TotalSeconds:0.###}s", ProbeFailure.NotRunning);
        }
    }
}
