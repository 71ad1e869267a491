using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Flags.Server.Content;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

/// <summary>The generated large-file route <c>/blob/{bytes}</c> (issue 17 part 6).</summary>
public sealed class BlobTests : IAsyncLifetime
{
    private const long Size = 1_000_003; // not a multiple of 8, so unaligned ends are exercised
    private FlagServer? _server;
    private HttpClient? _client;

    private FlagServer Server => _server ?? throw new InvalidOperationException("Not started.");

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await TestServers.StartAsync();
        _client = TestServers.Client(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SameSeedTwice_SameBytesAndDifferentSeedDifferentBytes()
    {
        // Arrange
        Uri seven = Server.BlobUrl(Size, seed: 7);

        // Act
        byte[] first = await Client.GetByteArrayAsync(seven);
        byte[] again = await Client.GetByteArrayAsync(seven);
        byte[] other = await Client.GetByteArrayAsync(Server.BlobUrl(Size, seed: 8));

        // Assert
        Assert.Equal(Size, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(Generate(Size, 7), first);
        Assert.InRange(first.Distinct().Count(), 250, 256); // not a constant fill
    }

    [Fact(Timeout = 30000)]
    public async Task Get_Seed3Of1000Bytes_TheDigestPinnedHere()
    {
        // Arrange: pinned, so a change of the generator (which would break every saved ETag) fails loudly.
        Uri url = Server.BlobUrl(1000, seed: 3);

        // Act
        byte[] body = await Client.GetByteArrayAsync(url);

        // Assert
        Assert.Equal("6b7197c30756ca8597beca46c693796518e701e29389c3fef39b15b0bc8f5881", Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    [Fact(Timeout = 30000)]
    public async Task Get_Blob_HeadersCarryLengthValidatorsAndRanges()
    {
        // Arrange
        Uri url = Server.BlobUrl(Size, seed: 3);

        // Act
        using HttpResponseMessage response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Size, response.Content.Headers.ContentLength);
        Assert.Equal("\"blob-1000003-3\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory(Timeout = 30000)]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=1-8", 1, 8)]
    [InlineData("bytes=5-4100", 5, 4096)]
    [InlineData("bytes=999990-", 999_990, 13)]
    [InlineData("bytes=-21", Size - 21, 21)]
    [InlineData("bytes=123457-9999999999", 123_457, Size - 123_457)]
    public async Task Get_Range_206WithTheMatchingSliceOfTheFullBody(string range, long start, long length)
    {
        // Arrange
        byte[] full = await Client.GetByteArrayAsync(Server.BlobUrl(Size, seed: 11));
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.BlobUrl(Size, seed: 11));
        request.Headers.TryAddWithoutValidation("Range", range);

        // Act
        using HttpResponseMessage response = await Client.SendAsync(request);
        byte[] part = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(full.AsSpan((int)start, (int)length).ToArray(), part);
        Assert.Equal($"bytes {start}-{start + length - 1}/{Size}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RangePastTheEnd_416WithTheLength()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.BlobUrl(Size));
        request.Headers.Range = new RangeHeaderValue(Size, null);

        // Act
        using HttpResponseMessage response = await Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Size}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact(Timeout = 30000)]
    public async Task Get_IfRangeWithTheETagOfAnotherSeed_200WholeBody()
    {
        // Arrange: the tag of seed 1 is stale for seed 2, as a changed file's would be.
        using HttpResponseMessage first = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Server.BlobUrl(Size, seed: 1)));
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.BlobUrl(Size, seed: 2));
        request.Headers.Range = new RangeHeaderValue(100, null);
        request.Headers.IfRange = new RangeConditionHeaderValue(first.Headers.ETag!);
        using var current = new HttpRequestMessage(HttpMethod.Get, Server.BlobUrl(Size, seed: 1));
        current.Headers.Range = new RangeHeaderValue(100, null);
        current.Headers.IfRange = new RangeConditionHeaderValue(first.Headers.ETag!);

        // Act
        using HttpResponseMessage stale = await Client.SendAsync(request);
        using HttpResponseMessage fresh = await Client.SendAsync(current);

        // Assert
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(Generate(Size, 2), await stale.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, fresh.StatusCode);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_IfNoneMatchCurrentTag_304()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.BlobUrl(Size, seed: 5));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"blob-1000003-5\""));

        // Act
        using HttpResponseMessage response = await Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact(Timeout = 30000)]
    public async Task Get_RangesOff_RangeIgnored200AndAcceptRangesNone()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.BlobUrl(Size, seed: 4) + "&ranges=0"));
        request.Headers.Range = new RangeHeaderValue(100, 199);

        // Act
        using HttpResponseMessage response = await Client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(Generate(Size, 4), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ResetAfterN_FullLengthPromisedExactlyNBytesThenReset()
    {
        // Arrange
        string target = "/blob/1M?seed=9&reset=300001";

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, target);

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(1L << 20, response.ContentLength);
        Assert.Equal(RawEnd.Reset, response.End);
        Assert.Equal(Generate(1 << 20, 9).AsSpan(0, 300_001).ToArray(), response.Body);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ResetAfterNOnARange_CutsThe206AfterNBytes()
    {
        // Arrange: a client resuming at 500000 meets the same cut again, after 1000 more bytes.
        string target = "/blob/1M?seed=9&reset=1000";

        // Act
        RawResponse response = await RawHttp.SendAsync(Server.BaseUrl, target, extraHeaders: "Range: bytes=500000-\r\n");

        // Assert
        Assert.Equal(206, response.Status);
        Assert.Equal(RawEnd.Reset, response.End);
        Assert.Equal(Generate(1 << 20, 9).AsSpan(500_000, 1000).ToArray(), response.Body);
    }

    [Theory(Timeout = 30000)]
    [InlineData("/blob/")]
    [InlineData("/blob/abc")]
    [InlineData("/blob/-1")]
    [InlineData("/blob/2T")]
    [InlineData("/blob/10?seed=x")]
    [InlineData("/blob/10?ranges=2")]
    public async Task Get_MalformedBlob_400SayingTheForm(string target)
    {
        // Arrange
        Uri server = Server.BaseUrl;

        // Act
        RawResponse response = await RawHttp.SendAsync(server, target);

        // Assert
        Assert.Equal(400, response.Status);
        Assert.Contains("/blob/{bytes}", System.Text.Encoding.ASCII.GetString(response.Body), StringComparison.Ordinal);
    }

    [Theory(Timeout = 30000)]
    [InlineData(FaultKind.Http503, 503, RawEnd.Complete)]
    [InlineData(FaultKind.ResetMidBody, 200, RawEnd.Reset)]
    [InlineData(FaultKind.ShortBody, 200, RawEnd.Eof)]
    [InlineData(FaultKind.Stall, 200, RawEnd.Timeout)]
    public async Task Get_BlobInErrorMode_TheFaultCutsTheBlob(FaultKind kind, int status, RawEnd end)
    {
        // Arrange
        await using FlagServer failing = await TestServers.StartAsync(new FlagServerOptions
        {
            Mode = ServerMode.Error,
            ErrorRate = 1,
            Faults = new HashSet<FaultKind> { kind },
            Delay = TimeSpan.Zero,
        });

        // Act
        RawResponse response = await RawHttp.SendAsync(failing.BaseUrl, "/blob/100000?seed=1", readTimeout: TimeSpan.FromSeconds(2));

        // Assert
        Assert.Equal(status, response.Status);
        Assert.Equal(end, response.End);
        if (status == 200)
        {
            Assert.Equal(100_000, response.ContentLength);
            Assert.Equal(Generate(100_000, 1).AsSpan(0, 50_000).ToArray(), response.Body);
        }
    }

    internal static byte[] Generate(long length, ulong seed)
    {
        var bytes = new byte[length];
        new BlobBody(length, seed).CopyTo(0, bytes);
        return bytes;
    }

    internal static byte[] ExpectedHash(long length, ulong seed)
    {
        var body = new BlobBody(length, seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 20];
        for (long offset = 0; offset < length; offset += chunk.Length)
        {
            int count = (int)Math.Min(chunk.Length, length - offset);
            body.CopyTo(offset, chunk.AsSpan(0, count));
            hash.AppendData(chunk, 0, count);
        }
        return hash.GetHashAndReset();
    }
}
