using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class RangeAndETagTests
{
    private static async Task<(FlagServer Server, HttpClient Client, byte[] Full, HttpResponseMessage First)> StartAsync()
    {
        FlagServer server = await TestServers.StartAsync();
        HttpClient client = TestServers.Client();
        HttpResponseMessage first = await client.GetAsync(server.Flag("br"));
        byte[] full = await first.Content.ReadAsByteArrayAsync();
        return (server, client, full, first);
    }

    private static HttpRequestMessage Get(FlagServer server, Action<HttpRequestHeaders> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, server.Flag("br"));
        headers(request.Headers);
        return request;
    }

    [Fact(Timeout = 30000)]
    public async Task Range_FirstTenBytes_Returns206WithContentRange()
    {
        // Arrange
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.Range = new RangeHeaderValue(0, 9)));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full[..10], body);
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Equal($"bytes 0-9/{full.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Range_ResumeFromOffset_PartsJoinToTheWholeFile()
    {
        // Arrange: a client that got 1000 bytes before the connection broke asks for the rest.
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.Range = new RangeHeaderValue(1000, null)));
        byte[] rest = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full, full[..1000].Concat(rest).ToArray());
        Assert.Equal($"bytes 1000-{full.Length - 1}/{full.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Range_Suffix_ReturnsLastBytes()
    {
        // Arrange
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.Range = new RangeHeaderValue(null, 100)));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full[^100..], body);
    }

    [Fact(Timeout = 30000)]
    public async Task Range_EndPastTheEnd_ClampedToLastByte()
    {
        // Arrange
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.Range = new RangeHeaderValue(full.Length - 5, full.Length + 1000)));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full[^5..], body);
    }

    [Theory(Timeout = 30000)]
    [InlineData("bytes={0}-")]
    [InlineData("bytes={0}-{1}")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=99999999999999999999999-")]
    public async Task Range_StartingPastTheEnd_Returns416WithLength(string format)
    {
        // Arrange
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        string range = string.Format(CultureInfo.InvariantCulture, format, full.Length, full.Length + 10);

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", extraHeaders: $"Range: {range}\r\n");

        // Assert
        Assert.Equal(416, response.Status);
        Assert.Equal($"bytes */{full.Length}", response.Header("Content-Range"));
    }

    [Theory(Timeout = 30000)]
    [InlineData("bytes=0-1,5-9")]     // several ranges: a server may answer the whole body
    [InlineData("bytes=9-0")]         // invalid: ignored
    [InlineData("items=0-9")]         // unknown unit: ignored
    [InlineData("bytes=abc")]
    public async Task Range_MultipleOrMalformed_Returns200WholeBody(string range)
    {
        // Arrange
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", extraHeaders: $"Range: {range}\r\n");

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(full, response.Body);
    }

    [Fact(Timeout = 30000)]
    public async Task IfNoneMatch_CurrentETag_Returns304WithoutBody()
    {
        // Arrange
        var (server, client, _, first) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        EntityTagHeaderValue etag = first.Headers.ETag!;

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.IfNoneMatch.Add(etag)));
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(body);
        Assert.Equal(etag, response.Headers.ETag);
    }

    [Theory(Timeout = 30000)]
    [InlineData("*", 304)]
    [InlineData("\"other\"", 200)]
    [InlineData("\"other\", {0}", 304)]
    [InlineData("W/{0}", 304)]
    public async Task IfNoneMatch_Variants_ComparedWeakly(string format, int status)
    {
        // Arrange
        var (server, client, _, first) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        string value = string.Format(CultureInfo.InvariantCulture, format, first.Headers.ETag!.Tag);

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", extraHeaders: $"If-None-Match: {value}\r\n");

        // Assert
        Assert.Equal(status, response.Status);
    }

    [Fact(Timeout = 30000)]
    public async Task IfModifiedSince_AtLastModified_Returns304AndEarlierReturns200()
    {
        // Arrange
        var (server, client, _, first) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        DateTimeOffset lastModified = first.Content.Headers.LastModified!.Value;

        // Act
        using HttpResponseMessage same = await client.SendAsync(Get(server, h => h.IfModifiedSince = lastModified));
        using HttpResponseMessage earlier = await client.SendAsync(Get(server, h => h.IfModifiedSince = lastModified.AddDays(-1)));

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact(Timeout = 30000)]
    public async Task IfModifiedSince_InTheFuture_IgnoredAnd200()
    {
        // Arrange: a client whose clock is a day ahead (RFC 9110 section 13.1.3: a date later than the server's
        // current time is invalid; issue 16 part 7).
        var (server, client, full, _) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        DateTimeOffset tomorrow = DateTimeOffset.UtcNow.AddDays(1);

        // Act
        using HttpResponseMessage response = await client.SendAsync(Get(server, h => h.IfModifiedSince = tomorrow));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(full, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact(Timeout = 30000)]
    public async Task IfRange_CurrentETag_Returns206AndStaleETagReturns200()
    {
        // Arrange
        var (server, client, full, first) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        EntityTagHeaderValue etag = first.Headers.ETag!;

        // Act
        using HttpResponseMessage current = await client.SendAsync(Get(server, h =>
        {
            h.Range = new RangeHeaderValue(100, null);
            h.IfRange = new RangeConditionHeaderValue(etag);
        }));
        using HttpResponseMessage stale = await client.SendAsync(Get(server, h =>
        {
            h.Range = new RangeHeaderValue(100, null);
            h.IfRange = new RangeConditionHeaderValue("\"stale\"");
        }));

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(full, await stale.Content.ReadAsByteArrayAsync());
    }

    [Fact(Timeout = 30000)]
    public async Task ETag_TwoServers_SameTagForSameFlag()
    {
        // Arrange
        var (server, client, _, first) = await StartAsync();
        await using FlagServer _ = server;
        using HttpClient __ = client;
        await using FlagServer other = await TestServers.StartAsync();

        // Act
        using HttpResponseMessage response = await client.GetAsync(other.Flag("br"));
        using HttpResponseMessage different = await client.GetAsync(other.Flag("us"));

        // Assert
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, different.Headers.ETag);
    }
}
