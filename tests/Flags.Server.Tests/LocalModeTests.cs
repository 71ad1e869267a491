using System.Net;
using System.Net.Sockets;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class LocalModeTests
{
    [Fact(Timeout = 30000)]
    public async Task StartAsync_Defaults_BaseUrlOnLoopbackWithPickedPort()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();

        // Act
        Uri url = server.BaseUrl;

        // Assert
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        Assert.Equal("/flags", url.AbsolutePath);
        Assert.False(url.ToString().EndsWith('/'));
        Assert.Equal(ServerMode.Local, server.Options.Mode);
    }

    [Fact(Timeout = 30000)]
    public async Task GetFlag_KnownCode_Returns200GifWithLengthTypeAndValidators()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();
        using HttpClient client = TestServers.Client();

        // Act
        using HttpResponseMessage response = await client.GetAsync(server.Flag("br"));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(body, 0, 6));
    }

    [Fact(Timeout = 30000)]
    public async Task GetFlag_UpperCasePath_ReturnsSameBytesAsLowerCase()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();
        using HttpClient client = TestServers.Client();

        // Act
        byte[] lower = await client.GetByteArrayAsync(server.Flag("jp"));
        byte[] upper = await client.GetByteArrayAsync(server.Flag("JP"));

        // Assert
        Assert.Equal(lower, upper);
    }

    [Fact(Timeout = 60000)]
    public async Task GetFlag_EveryPossibleCode_194FoundAnd482NotFound()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();
        using HttpClient client = TestServers.Client(maxConnections: 8);
        var codes = from a in Enumerable.Range('a', 26) from b in Enumerable.Range('a', 26) select $"{(char)a}{(char)b}";

        // Act
        var results = await Task.WhenAll(codes.Select(async code =>
        {
            using HttpResponseMessage response = await client.GetAsync(server.Flag(code));
            return (Code: code.ToUpperInvariant(), response.StatusCode);
        }));

        // Assert
        string[] found = [.. results.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.Code).Order(StringComparer.Ordinal)];
        Assert.Equal(CountryCodes.All, found);
        Assert.Equal(482, results.Count(r => r.StatusCode == HttpStatusCode.NotFound));
    }

    [Fact(Timeout = 30000)]
    public async Task Head_KnownCode_SameHeadersAsGetWithoutBody()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();

        // Act
        RawResponse get = await RawHttp.SendAsync(server.BaseUrl, "/flags/cn/cn.gif");
        RawResponse head = await RawHttp.SendAsync(server.BaseUrl, "/flags/cn/cn.gif", method: "HEAD");

        // Assert
        Assert.Equal(200, head.Status);
        Assert.Equal(get.ContentLength, head.ContentLength);
        Assert.Equal(get.Header("ETag"), head.Header("ETag"));
        Assert.Empty(head.Body);
    }

    [Fact(Timeout = 30000)]
    public async Task CountryCodes_Get_AllCodesSpaceSeparated()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();
        using HttpClient client = TestServers.Client();

        // Act
        using HttpResponseMessage response = await client.GetAsync($"{server.BaseUrl}/country_codes.txt");
        string text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CountryCodes.All, text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(8, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void CountryCodes_All_194SortedUpperCaseTwoLetterCodes()
    {
        // Arrange
        IReadOnlyList<string> codes = CountryCodes.All;

        // Act
        string[] sorted = [.. codes.Order(StringComparer.Ordinal)];

        // Assert
        Assert.Equal(194, codes.Count);
        Assert.Equal(sorted, codes);
        Assert.All(codes, code => Assert.Matches("^[A-Z]{2}$", code));
        Assert.Equal(194, codes.Distinct().Count());
        Assert.Equal(11, codes.Count(c => c[0] == 'A'));
        Assert.Equal(17, codes.Count(c => c[0] == 'B'));
        Assert.Equal(15, codes.Count(c => c[0] == 'C'));
        Assert.Equal("AD", codes[0]);
        Assert.Equal("ZW", codes[^1]);
    }

    [Theory(Timeout = 30000)]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("get")] // methods are case-sensitive (RFC 9110 section 9.1; issue 16 part 7)
    [InlineData("Get")]
    [InlineData("head")]
    public async Task Request_OtherMethod_Returns405WithAllow(string method)
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", method, "Content-Length: 0\r\n");

        // Assert
        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Header("Allow"));
    }

    [Fact(Timeout = 30000)]
    public async Task Get_TwoRequestsOnOneConnection_BothAnsweredKeepAlive()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();
        await using RawHttp connection = await RawHttp.ConnectAsync(server.BaseUrl);

        // Act
        RawResponse first = await connection.RequestAsync("/flags/br/br.gif");
        RawResponse second = await connection.RequestAsync("/flags/us/us.gif");

        // Assert
        Assert.Equal((200, RawEnd.Complete), (first.Status, first.End));
        Assert.Equal((200, RawEnd.Complete), (second.Status, second.End));
        Assert.NotEqual(first.Body, second.Body);
        Assert.Null(first.Header("Connection")); // HTTP/1.1 default: keep-alive, no "close"
    }

    [Fact(Timeout = 30000)]
    public async Task RequestLog_Set_OneLinePerRequestWithStatus()
    {
        // Arrange
        var log = new StringWriter();
        await using (FlagServer server = await TestServers.StartAsync(new FlagServerOptions { RequestLog = log }))
        {
            using HttpClient client = TestServers.Client();

            // Act
            (await client.GetAsync(server.Flag("br"))).Dispose();
            (await client.GetAsync(server.Flag("qq"))).Dispose();
        }

        // Assert
        string[] lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("GET /flags/br/br.gif 200", lines[0]);
        Assert.Contains("GET /flags/qq/qq.gif 404", lines[1]);
    }

    [Fact(Timeout = 30000)]
    public async Task DisposeAsync_Running_ReleasesPort()
    {
        // Arrange
        FlagServer server = await TestServers.StartAsync();
        int port = server.BaseUrl.Port;

        // Act
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync(); // twice is harmless

        // Assert
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        // Arrange
        await using FlagServer first = await TestServers.StartAsync();

        // Act
        Task start = TestServers.StartAsync(new FlagServerOptions { Port = first.BaseUrl.Port });

        // Assert
        await Assert.ThrowsAnyAsync<IOException>(() => start);
    }

    [Theory]
    [InlineData(-1, null, null, "'-1' is not a port for Port.")]
    [InlineData(70000, null, null, "'70000' is not a port for Port.")]
    [InlineData(0, -0.1, null, "'-0.1' is not a probability for ErrorRate.")]
    [InlineData(0, 1.5, null, "'1.5' is not a probability for ErrorRate.")]
    [InlineData(0, null, "example.com", "'example.com' is not an IP address for Host.")]
    public async Task StartAsync_BadOption_ThrowsArgumentExceptionNamingIt(int port, double? errorRate, string? host, string expected)
    {
        // Arrange
        var options = new FlagServerOptions { Port = port, ErrorRate = errorRate, Host = host ?? "127.0.0.1" };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FlagServer.StartAsync(options));

        // Assert
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadOptions_ReturnsEveryProblemInPropertyOrder()
    {
        // Arrange
        using var file = new TempDirectory();
        string notAFolder = file.Write("passwd", [1]);
        var options = new FlagServerOptions
        {
            Host = "example",
            Port = 70000,
            Delay = TimeSpan.FromMilliseconds(-1),
            Jitter = TimeSpan.FromMilliseconds(-2),
            ErrorRate = 2,
            Root = notAFolder,
        };

        // Act
        IReadOnlyList<string> problems = options.Validate();

        // Assert
        string[] expected =
            [
                "'example' is not an IP address for Host.",
                "'70000' is not a port for Port.",
                "'-1 ms' is negative for Delay.",
                "'-2 ms' is negative for Jitter.",
                "'2' is not a probability for ErrorRate.",
                $"'{notAFolder}' for Root is a file, not a folder.",
            ];
        Assert.Equal(expected.Length, problems.Count);
        Assert.All(expected.Zip(problems), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        // Arrange
        var options = new FlagServerOptions();

        // Act
        IReadOnlyList<string> problems = options.Validate();

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public async Task StartAsync_NoFaultKindsButErrors_ThrowsArgumentException()
    {
        // Arrange
        var options = new FlagServerOptions { Mode = ServerMode.Error, Faults = new HashSet<FaultKind>() };

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FlagServer.StartAsync(options));

        // Assert
        Assert.Contains("No fault kinds", error.Message, StringComparison.Ordinal);
    }
}
