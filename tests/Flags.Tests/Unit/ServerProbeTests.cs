using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flags.Commands;
using Flags.Engine.Connections;

namespace Flags.Tests.Unit;

/// <summary>
/// The probe's TCP connect to an http base (what decides "Cannot reach" before any request): a listening port, a
/// closed one (IPv4 and IPv6), one that never answers (--timeout), and Ctrl+C while it waits. Loopback only.
/// </summary>
public sealed class ServerProbeTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Listening_IsReachable()
    {
        // Arrange
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/flags");

        // Act
        var failure = await ServerProbe.WhyUnreachableAsync(url, TimeSpan.FromSeconds(5), ConnectionSettings.Default, CancellationToken.None)
            .WaitAsync(TestTimeout);

        // Assert
        Assert.Null(failure);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task ClosedPort_IsConnectionRefused(string host)
    {
        // Arrange: a port that was free a moment ago and has no listener now.
        var port = FreePort(host == "[::1]" ? IPAddress.IPv6Loopback : IPAddress.Loopback);
        var url = new Uri($"http://{host}:{port}/flags");

        // Act
        var failure = await ServerProbe.WhyUnreachableAsync(url, TimeSpan.FromSeconds(5), ConnectionSettings.Default, CancellationToken.None)
            .WaitAsync(TestTimeout);

        // Assert
        Assert.NotNull(failure);
        Assert.Equal("Connection refused", failure.Reason);
        Assert.Equal(ProbeFailure.NotRunning, failure.Remedy);
    }

    [Fact]
    public async Task NoAnswer_IsNoConnectionWithinTheTimeout()
    {
        // Arrange: a listener whose accept queue is full drops further SYNs, so a connect is never answered.
        using var full = new FullListener();
        var url = new Uri($"http://127.0.0.1:{full.Port}/flags");
        var clock = Stopwatch.StartNew();

        // Act
        var failure = await ServerProbe.WhyUnreachableAsync(url, TimeSpan.FromMilliseconds(300), ConnectionSettings.Default, CancellationToken.None)
            .WaitAsync(TestTimeout);

        // Assert
        Assert.NotNull(failure);
        Assert.Equal("no connection within 0.3s", failure.Reason);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TestTimeout);
    }

    [Fact]
    public async Task Cancelled_WhileWaiting_Throws()
    {
        // Arrange
        using var full = new FullListener();
        var url = new Uri($"http://127.0.0.1:{full.Port}/flags");
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Act / Assert: cancelled long before the 60 s --timeout.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ServerProbe.WhyUnreachableAsync(url, TimeSpan.FromSeconds(60), ConnectionSettings.Default, interrupt.Token).WaitAsync(TestTimeout));
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A loopback listener with a backlog of 0 that is never accepted from, its queue filled by connects.</summary>
    private sealed class FullListener : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly List<Socket> _fillers = [];

        public FullListener()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(0);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try
                {
                    filler.Connect(IPAddress.Loopback, Port);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // Queued, or dropped once the queue is full: either way the queue stays full.
                }

                _fillers.Add(filler);
            }
        }

        public int Port { get; }

        public void Dispose()
        {
            foreach (var filler in _fillers)
            {
                filler.Dispose();
            }

            _listener.Dispose();
        }
    }
}
