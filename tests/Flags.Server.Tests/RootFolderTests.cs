using System.Net;
using System.Text;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class RootFolderTests
{
    private static readonly byte[] BrazilBytes = Encoding.ASCII.GetBytes("GIF89a-not-really-brazil");

    [Fact(Timeout = 30000)]
    public async Task Get_RootWithFlag_ServesTheFileBytes()
    {
        // Arrange
        using var root = new TempDirectory();
        root.Write("br/br.gif", BrazilBytes);
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Root = root.Path });
        using HttpClient client = TestServers.Client();

        // Act
        using HttpResponseMessage response = await client.GetAsync(server.Flag("BR"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BrazilBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Join(root.Path, "br/br.gif"))).ToUnixTimeSeconds(),
            response.Content.Headers.LastModified?.ToUnixTimeSeconds());
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RootWithoutThatFlag_Returns404EvenForABuiltInCode()
    {
        // Arrange
        using var root = new TempDirectory();
        root.Write("br/br.gif", BrazilBytes);
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Root = root.Path });
        using HttpClient client = TestServers.Client();

        // Act
        using HttpResponseMessage response = await client.GetAsync(server.Flag("us"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RootCountryCodes_ServesTheFolderList()
    {
        // Arrange
        using var root = new TempDirectory();
        root.Write("country_codes.txt", Encoding.ASCII.GetBytes("BR US\n"));
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Root = root.Path });
        using HttpClient client = TestServers.Client();

        // Act
        string text = await client.GetStringAsync($"{server.BaseUrl}/country_codes.txt");

        // Assert
        Assert.Equal("BR US\n", text);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_FileChangedOnDisk_ServesNewBytesAndNewETag()
    {
        // Arrange
        using var root = new TempDirectory();
        string path = root.Write("br/br.gif", BrazilBytes);
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Root = root.Path });
        using HttpClient client = TestServers.Client();
        using HttpResponseMessage before = await client.GetAsync(server.Flag("br"));
        byte[] changed = Encoding.ASCII.GetBytes("GIF89a-a-new-design-of-a-different-length");

        // Act
        File.WriteAllBytes(path, changed);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        using HttpResponseMessage after = await client.GetAsync(server.Flag("br"));

        // Assert
        Assert.Equal(changed, await after.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task StartAsync_MissingRoot_ThrowsArgumentExceptionNamingIt()
    {
        // Arrange
        string missing = Path.Join(Path.GetTempPath(), "flags-server-tests-missing-" + Guid.NewGuid().ToString("N"));

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => FlagServer.StartAsync(new FlagServerOptions { Root = missing }));

        // Assert
        Assert.Equal($"'{missing}' for Root does not exist. Give a folder laid out as {{cc}}/{{cc}}.gif.", error.Message);
    }
}
