using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flags.Tests.Support;

/// <summary>
/// A minimal keep-alive HTTP/1.1 server on 127.0.0.1 that answers every GET with a small body and one status and counts the
/// connections it accepted and the most open at once: what Kestrel does not expose, and what --max-per-host limits.
/// Made with <c>answer: false</c> it reads requests and never answers: a client caught in the middle of a request.
/// </summary>
public sealed class CountingHttpServer : IAsyncDisposable
{
    private readonly byte[] _response;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private readonly bool _answer;
    private readonly TaskCompletionSource<string> _request = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _peak;
    private int _accepted;

    /// <summary>Starts the server; every answer has <paramref name="statusLine"/>, e.g. <c>410 Gone</c>.</summary>
    public CountingHttpServer(string statusLine = "200 OK", bool answer = true)
    {
        _answer = answer;
        _response = Encoding.ASCII.GetBytes($"HTTP/1.1 {statusLine}\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The first request line received (e.g. <c>GET /x HTTP/1.1</c>); fails after 10 s.</summary>
    public Task<string> RequestAsync() => _request.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public int PeakOpen => Volatile.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        lock (_connections)
        {
            Task.WaitAll([.. _connections], TimeSpan.FromSeconds(10));
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

            Interlocked.Increment(ref _accepted);
            var open = Interlocked.Increment(ref _open);
            int peak;
            while (open > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, open, peak) != peak)
            {
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var pending = new StringBuilder();
        try
        {
            using (socket)
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    _request.TrySetResult(pending.ToString().Split('\r')[0]);
                    if (!_answer)
                    {
                        continue;
                    }

                    int end;
                    while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                    {
                        pending.Remove(0, end + 4);
                        await socket.SendAsync(_response, SocketFlags.None, _stop.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
