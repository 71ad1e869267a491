using System.Net;
using System.Net.Sockets;

namespace Flags.Tests.Support;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a real server that counts the connections clients open through it:
/// what Kestrel does not expose, and what HTTP/2 multiplexing changes. Bytes pass through untouched (TLS included,
/// so the server's certificate for 127.0.0.1 still matches).
/// </summary>
public sealed class CountingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pipes = [];
    private readonly IPEndPoint _target;
    private readonly Task _accepting;
    private int _accepted;

    /// <summary>Forwards to <paramref name="target"/>'s host and port.</summary>
    public CountingTcpProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary><paramref name="url"/> with its port replaced by the proxy's.</summary>
    public string Through(Uri url) => new UriBuilder(url) { Port = Port }.Uri.AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pipes;
        lock (_pipes)
        {
            pipes = [.. _pipes];
        }

        await Task.WhenAll(pipes).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_pipes)
            {
                _pipes.Add(PipeAsync(client));
            }
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = CopyAsync(client, server, either.Token);
                var down = CopyAsync(server, client, either.Token);
                await Task.WhenAny(up, down);
                await either.CancelAsync();
                await Task.WhenAll(up, down);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                // The proxy stops, or the server refused: the client sees its connection close.
            }
        }
    }

    private static async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // One side closed or reset: the other copy is cancelled by the caller.
        }
    }
}
