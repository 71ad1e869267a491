using System.Net.Sockets;
using System.Text;

namespace Flags.Server.Tests.Support;

/// <summary>How a raw response ended.</summary>
public enum RawEnd
{
    /// <summary>The whole body announced by Content-Length arrived.</summary>
    Complete,

    /// <summary>The server closed in order (FIN) before the body was complete (or sent no headers).</summary>
    Eof,

    /// <summary>The server reset the connection (RST).</summary>
    Reset,

    /// <summary>Nothing more arrived within the read timeout.</summary>
    Timeout,
}

/// <summary>A response read byte by byte from the socket, with how it ended.</summary>
public sealed record RawResponse(string Head, byte[] Body, RawEnd End)
{
    public int Status => Head.Length > 12 ? int.Parse(Head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;

    public long? ContentLength => Header("Content-Length") is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? Header(string name)
    {
        foreach (string line in Head.Split("\r\n"))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }
        return null;
    }
}

/// <summary>
/// Speaks HTTP/1.1 over a plain socket, so tests can send request lines a normal client would clean up
/// (dot segments, encoded separators) and see faults HttpClient would hide (reset vs. orderly close).
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawHttp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri baseUrl)
    {
        var client = new TcpClient(baseUrl.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await client.ConnectAsync(baseUrl.IdnHost.Trim('[', ']'), baseUrl.Port).WaitAsync(TimeSpan.FromSeconds(10));
        return new RawHttp(client);
    }

    /// <summary>One request on a fresh connection.</summary>
    public static async Task<RawResponse> SendAsync(Uri baseUrl, string target, string method = "GET", string extraHeaders = "", TimeSpan? readTimeout = null)
    {
        await using RawHttp http = await ConnectAsync(baseUrl);
        return await http.RequestAsync(target, method, extraHeaders, readTimeout);
    }

    /// <summary>Sends a request on this connection and reads its response.</summary>
    public async Task<RawResponse> RequestAsync(string target, string method = "GET", string extraHeaders = "", TimeSpan? readTimeout = null)
    {
        string request = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extraHeaders}\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        return await ReadResponseAsync(method == "HEAD", readTimeout ?? TimeSpan.FromSeconds(10));
    }

    private async Task<RawResponse> ReadResponseAsync(bool isHead, TimeSpan readTimeout)
    {
        var buffer = new byte[16 * 1024];
        int headEnd = -1;
        long? contentLength = null;
        string head = string.Empty;
        while (true)
        {
            if (headEnd < 0)
            {
                headEnd = IndexOfHeadEnd();
                if (headEnd >= 0)
                {
                    head = Encoding.ASCII.GetString([.. _pending.Take(headEnd)]);
                    _pending.RemoveRange(0, headEnd + 4);
                    var parsed = new RawResponse(head, [], RawEnd.Complete);
                    contentLength = isHead || parsed.Status == 304 ? 0 : parsed.ContentLength ?? 0;
                }
            }
            if (headEnd >= 0 && _pending.Count >= contentLength)
            {
                byte[] body = [.. _pending.Take((int)contentLength!.Value)];
                _pending.RemoveRange(0, body.Length);
                return new RawResponse(head, body, RawEnd.Complete);
            }

            int read;
            try
            {
                using var timeout = new CancellationTokenSource(readTimeout);
                read = await _stream.ReadAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return new RawResponse(head, [.. _pending], RawEnd.Timeout);
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
            {
                return new RawResponse(head, [.. _pending], RawEnd.Reset);
            }
            if (read == 0)
            {
                return new RawResponse(head, [.. _pending], RawEnd.Eof);
            }
            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    private int IndexOfHeadEnd()
    {
        for (int i = 0; i + 3 < _pending.Count; i++)
        {
            if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
