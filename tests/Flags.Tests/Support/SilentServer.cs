using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flags.Tests.Support;

/// <summary>
/// A server on 127.0.0.1 that accepts connections and reads requests but never answers: a client caught in the middle
/// of a request, for Ctrl+C tests. <see cref="RequestAsync"/> completes when a request for a path holding the given
/// text has arrived.
/// </summary>
public sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _request = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;

    public SilentServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/flags";

    /// <summary>The first request line received; fails after 10 s.</summary>
    public Task<string> RequestAsync() => _request.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_sockets)
            {
                _sockets.Add(socket);
            }

            _ = ReadAsync(socket);
        }
    }

    private async Task ReadAsync(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read > 0)
            {
                _request.TrySetResult(Encoding.ASCII.GetString(buffer, 0, read).Split('\r')[0]);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
