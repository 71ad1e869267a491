// A TCP proxy on 127.0.0.1 that makes a loopback server look RTT away, without netem (not in this kernel):
//
//   dotnet run -c Release bench/peers/rtt-proxy.cs -- LISTEN_PORT UPSTREAM_PORT RTT_MS
//
// Each accepted connection models a TCP handshake of one RTT: bytes from the client are held until one RTT after
// the accept; then every chunk in either direction is delayed by RTT/2, in order. So a client that connects and
// sends its request at once gets the first byte of the answer 2 x RTT after connect() (handshake + request), and
// each later request on the same keep-alive connection 1 x RTT after it was sent, as over a real link. The kernel's
// connect() returns at once: what a client spends to set up its connections (threads, sockets, pools) is its own
// and shows. Written in C#, not Python: a single-threaded Python proxy delayed a burst of 194 connections by ~40 ms
// (its own accept and connect work), which hid the clients' differences. Prints "ready" when listening.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

var listenPort = int.Parse(args[0], CultureInfo.InvariantCulture);
var upstream = new IPEndPoint(IPAddress.Loopback, int.Parse(args[1], CultureInfo.InvariantCulture));
var rtt = TimeSpan.FromMilliseconds(double.Parse(args[2], CultureInfo.InvariantCulture));

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort));
listener.Listen(4096);
Console.WriteLine("ready");
while (true)
{
    var client = await listener.AcceptAsync().ConfigureAwait(false);
    _ = Relay.RunAsync(client, upstream, rtt);
}

/// <summary>One proxied connection: two delayed pumps.</summary>
internal static class Relay
{
    public static async Task RunAsync(Socket client, IPEndPoint upstream, TimeSpan rtt)
    {
        var handshakeDone = Stopwatch.GetTimestamp() + (long)(rtt.TotalSeconds * Stopwatch.Frequency);
        var half = (long)(rtt.TotalSeconds / 2 * Stopwatch.Frequency);
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(upstream).ConfigureAwait(false);
            await Task.WhenAll(PumpAsync(client, server, half, handshakeDone), PumpAsync(server, client, half, 0)).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // A reset on either side ends both.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, long half, long notBefore)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = WriteAsync(chunks.Reader, to);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                chunks.Writer.TryWrite((Math.Max(Stopwatch.GetTimestamp(), notBefore) + half, buffer.AsSpan(0, n).ToArray()));
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(ChannelReader<(long Due, byte[] Data)> chunks, Socket to)
    {
        await foreach (var (due, data) in chunks.ReadAllAsync().ConfigureAwait(false))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            await to.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
