using System.Text;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

/// <summary>
/// Requests that try to leave the root. Sent over a raw socket so that no client library cleans up the path
/// first. A fake "secret" GIF sits beside the root; no request may ever return its bytes.
/// </summary>
public sealed class PathSafetyTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("GIF89a SECRET outside the root");
    private static readonly byte[] Inside = Encoding.ASCII.GetBytes("GIF89a inside the root");
    private readonly TempDirectory _sandbox = new();
    private FlagServer? _server;

    private string RootPath => Path.Join(_sandbox.Path, "root");

    private FlagServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        // sandbox/root/br/br.gif           served
        // sandbox/secret/secret.gif        must never be served
        // sandbox/xx/xx.gif                must never be served (a valid code, but outside)
        _sandbox.Write("root/br/br.gif", Inside);
        _sandbox.Write("secret/secret.gif", Secret);
        _sandbox.Write("xx/xx.gif", Secret);
        _sandbox.Write("root/b7/b7.gif", Secret); // present, but not a code: the server never asks for it
        _sandbox.Write("root/country_codes.txt", Encoding.ASCII.GetBytes("BR\n"));
        _server = await TestServers.StartAsync(new FlagServerOptions { Root = RootPath });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _sandbox.Dispose();

    [Theory(Timeout = 30000)]
    [InlineData("/flags/../secret/secret.gif")]
    [InlineData("/flags/../../secret/secret.gif")]
    [InlineData("/flags/%2e%2e/secret/secret.gif")]
    [InlineData("/flags/..%2fsecret%2fsecret.gif")]
    [InlineData("/flags/..%2Fxx/xx.gif")]
    [InlineData("/flags/%2e%2e%2fxx/xx.gif")]
    [InlineData("/flags/br%2f..%2f..%2fxx/xx.gif")]
    [InlineData("/flags/..\\xx/xx.gif")]
    [InlineData("/flags/%5c..%5cxx/xx.gif")]
    [InlineData("/flags//etc/passwd")]
    [InlineData("/flags/" + "%2ftmp%2fxx/xx.gif")]
    [InlineData("/flags/b7/b7.gif")]
    [InlineData("/flags/bra/bra.gif")]
    [InlineData("/flags/b/b.gif")]
    [InlineData("/flags/b%00/b%00.gif")]
    [InlineData("/flags/%C3%A9a/%C3%A9a.gif")]
    [InlineData("/xx/xx.gif")]
    [InlineData("/secret/secret.gif")]
    [InlineData("http://127.0.0.1/flags/../xx/xx.gif")]
    public async Task Get_PathOutsideLayout_400Or404AndNeverTheSecret(string target)
    {
        // Arrange
        Uri url = Server.BaseUrl;

        // Act
        RawResponse response = await RawHttp.SendAsync(url, target);

        // Assert
        Assert.True(response.Status is 400 or 404, $"{target} answered {response.Status}.");
        Assert.DoesNotContain("SECRET", Encoding.ASCII.GetString(response.Body), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_NotTwoLettersWithSuchAFolder_400WithoutReadingIt()
    {
        // Arrange: root/b7/b7.gif exists, so a 400 shows the name was refused before any file-system access.
        Uri url = Server.BaseUrl;

        // Act
        RawResponse response = await RawHttp.SendAsync(url, "/flags/b7/b7.gif");

        // Assert
        Assert.Equal(400, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_CodeFolderSymlinkedOutsideRoot_404()
    {
        // Arrange: root/xx -> sandbox/xx (outside)
        Directory.CreateSymbolicLink(Path.Join(RootPath, "xx"), Path.Join(_sandbox.Path, "xx"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/xx/xx.gif");

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_FlagFileSymlinkedOutsideRoot_404()
    {
        // Arrange: root/us/us.gif -> sandbox/secret/secret.gif
        Directory.CreateDirectory(Path.Join(RootPath, "us"));
        File.CreateSymbolicLink(Path.Join(RootPath, "us", "us.gif"), Path.Join(_sandbox.Path, "secret", "secret.gif"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/us/us.gif");

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RelativeSymlinkClimbingOut_404()
    {
        // Arrange: root/fr/fr.gif -> ../../secret/secret.gif
        Directory.CreateDirectory(Path.Join(RootPath, "fr"));
        File.CreateSymbolicLink(Path.Join(RootPath, "fr", "fr.gif"), Path.Join("..", "..", "secret", "secret.gif"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/fr/fr.gif");

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SymlinkThroughAnInsideLinkToOutside_404()
    {
        // Arrange: root/de -> root/hop (inside), root/hop -> sandbox/xx (outside), so root/de/de.gif leaves the root
        // only after two hops.
        File.Copy(Path.Join(_sandbox.Path, "xx", "xx.gif"), Path.Join(_sandbox.Path, "xx", "de.gif"));
        Directory.CreateSymbolicLink(Path.Join(RootPath, "hop"), Path.Join(_sandbox.Path, "xx"));
        Directory.CreateSymbolicLink(Path.Join(RootPath, "de"), Path.Join(RootPath, "hop"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/de/de.gif");

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SymlinkLoop_404()
    {
        // Arrange
        Directory.CreateSymbolicLink(Path.Join(RootPath, "it"), Path.Join(RootPath, "it2"));
        Directory.CreateSymbolicLink(Path.Join(RootPath, "it2"), Path.Join(RootPath, "it"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/it/it.gif");

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SymlinkInsideRoot_Served()
    {
        // Arrange: root/pt -> root/br-real, a link that stays inside is fine
        _sandbox.Write("root/real/pt.gif", Inside);
        Directory.CreateSymbolicLink(Path.Join(RootPath, "pt"), "real");

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/pt/pt.gif");

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(Inside, response.Body);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RequestLineOf100KB_RefusedAndServerStillServes()
    {
        // Arrange
        string target = "/flags/" + new string('a', 100_000) + ".gif";

        // Act
        RawResponse huge = await RawHttp.SendAsync(Server.BaseUrl, target);
        RawResponse normal = await RawHttp.SendAsync(Server.BaseUrl, "/flags/br/br.gif");

        // Assert
        Assert.Equal(414, huge.Status);
        Assert.Equal(200, normal.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_HeaderOf100KB_Refused431()
    {
        // Arrange
        string header = "X-Padding: " + new string('p', 100_000) + "\r\n";

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/br/br.gif", extraHeaders: header);

        // Assert
        Assert.Equal(431, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_TwoHundredHeaders_Refused431()
    {
        // Arrange
        string headers = string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\r\n"));

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, "/flags/br/br.gif", extraHeaders: headers);

        // Assert
        Assert.Equal(431, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task StartAsync_DefaultHost_NotReachableOnOtherLoopbackAddress()
    {
        // Arrange: bound to 127.0.0.1 exactly, not to every interface; 127.0.0.2 is loopback too but not bound.
        int port = Server.BaseUrl.Port;
        using var probe = new System.Net.Sockets.TcpClient();

        // Act
        Task connect = probe.ConnectAsync(System.Net.IPAddress.Parse("127.0.0.2"), port).WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => connect);
    }
}
