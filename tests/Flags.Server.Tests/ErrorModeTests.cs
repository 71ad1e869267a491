using System.Diagnostics;
using System.Net;
using Flags.Server.Content;
using Flags.Server.Faults;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class ErrorModeTests
{
    private static FlagServerOptions Only(FaultKind kind) => new()
    {
        Mode = ServerMode.Error,
        ErrorRate = 1,
        Faults = new HashSet<FaultKind> { kind },
    };

    [Fact(Timeout = 30000)]
    public async Task Get_Http500Fault_Returns500()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.Http500));

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif");

        // Assert
        Assert.Equal(500, response.Status);
        Assert.Equal(RawEnd.Complete, response.End);
    }

    [Theory(Timeout = 30000)]
    [InlineData(FaultKind.Http503, 503)]
    [InlineData(FaultKind.Http429, 429)]
    public async Task Get_ThrottlingFault_ReturnsStatusWithRetryAfter(FaultKind kind, int status)
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(kind));
        using HttpClient client = TestServers.Client();

        // Act
        using HttpResponseMessage response = await client.GetAsync(server.Flag("br"));

        // Assert
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ResetMidBodyFault_HalfTheBodyThenConnectionReset()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.ResetMidBody));

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif");

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(RawEnd.Reset, response.End);
        Assert.True(response.Body.Length < response.ContentLength, $"Got {response.Body.Length} of {response.ContentLength} bytes.");
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ShortBodyFault_OrderlyCloseBeforeContentLength()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.ShortBody));

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif");

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(RawEnd.Eof, response.End);
        Assert.Equal(response.ContentLength / 2, response.Body.Length);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ShortBodyFault_HttpClientReportsIOError()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.ShortBody));
        using HttpClient client = TestServers.Client();

        // Act
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(server.Flag("br")));

        // Assert
        Assert.IsType<HttpIOException>(error.InnerException, exactMatch: false);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_StallFault_HeadersAndHalfBodyThenNothing()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.Stall));

        // Act: one second of silence after half the body is the observable part of a stall.
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", readTimeout: TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(200, response.Status);
        Assert.Equal(RawEnd.Timeout, response.End);
        Assert.Equal(response.ContentLength / 2, response.Body.Length);
    }

    [Fact(Timeout = 30000)]
    public async Task DisposeAsync_RequestStalled_StopsPromptly()
    {
        // Arrange
        FlagServer server = await TestServers.StartAsync(Only(FaultKind.Stall));
        await using RawHttp connection = await RawHttp.ConnectAsync(server.BaseUrl);
        RawResponse stalled = await connection.RequestAsync("/flags/br/br.gif", readTimeout: TimeSpan.FromMilliseconds(200));
        Assert.Equal(RawEnd.Timeout, stalled.End);

        // Act
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Stopping took {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    [Theory(Timeout = 30000)]
    [InlineData(FaultKind.ResetMidBody, RawEnd.Reset)]
    [InlineData(FaultKind.ShortBody, RawEnd.Eof)]
    public async Task Head_BodyFault_ConnectionEndsWithoutResponse(FaultKind kind, RawEnd end)
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(Only(kind));

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/br/br.gif", method: "HEAD");

        // Assert
        Assert.Equal(string.Empty, response.Head);
        Assert.Contains(response.End, new[] { end, RawEnd.Reset, RawEnd.Eof });
    }

    [Fact(Timeout = 30000)]
    public async Task Get_FaultOnUnknownCode_FaultHidesThe404()
    {
        // Arrange: as in the reference, an error can hit a code that does not exist.
        await using FlagServer server = await TestServers.StartAsync(Only(FaultKind.Http503));

        // Act
        RawResponse response = await RawHttp.SendAsync(server.BaseUrl, "/flags/qq/qq.gif");

        // Assert
        Assert.Equal(503, response.Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Get_ErrorModeDefaults_AboutAQuarterFailAndHalfTheRestHeld()
    {
        // Arrange: stalls count as failures once the client's timeout fires. The flags are painted first (a cache
        // shared by every server of the process): 200 first paints at once on a loaded two-core machine kept pool
        // threads waiting on each other's paint until most requests hit the 4 s timeout.
        foreach (string code in CountryCodes.All)
        {
            Assert.NotNull(await GeneratedContentSource.Instance.GetFlagAsync(code, CancellationToken.None));
        }
        var log = new StringWriter();
        var options = new FlagServerOptions { Mode = ServerMode.Error, Delay = TimeSpan.FromMilliseconds(20), Seed = 11, RequestLog = log };
        int failed = 0;
        await using (FlagServer server = await TestServers.StartAsync(options))
        {
            // One connection per request, so no request waits for a connection and times out for that.
            using HttpClient client = TestServers.Client(timeout: TimeSpan.FromSeconds(4), maxConnections: 200);

            // Act
            bool[] ok = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
            {
                try
                {
                    using HttpResponseMessage response = await client.GetAsync(server.Flag(CountryCodes.All[i % 194].ToLowerInvariant()));
                    await response.Content.ReadAsByteArrayAsync();
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }));
            failed = ok.Count(x => !x);
            Assert.Equal(0.25, server.ErrorRate);
        }

        // Assert
        string text = log.ToString();
        int faults = CountOf(text, "fault=");
        int held = CountOf(text, "held=");
        Assert.Equal(faults, failed);
        // The seed fixes the plans of requests 1..200, so these counts are exact for it; the ranges state the rule:
        Assert.InRange(faults, 30, 70);            // 25% of 200 = 50
        Assert.InRange(held, 50, 100);             // half of the other 150 = 75
        foreach (FaultKind kind in Enum.GetValues<FaultKind>())
        {
            Assert.Contains($"fault={kind}", text, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SameUrlAfterFailure_RetryCanSucceed()
    {
        // Arrange
        var options = new FlagServerOptions { Mode = ServerMode.Error, ErrorRate = 0.5, Faults = new HashSet<FaultKind> { FaultKind.Http503 }, Delay = TimeSpan.Zero };
        await using FlagServer server = await TestServers.StartAsync(options);
        using HttpClient client = TestServers.Client();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (int attempt = 0; attempt < 40 && !(statuses.Contains(HttpStatusCode.OK) && statuses.Contains(HttpStatusCode.ServiceUnavailable)); attempt++)
        {
            using HttpResponseMessage response = await client.GetAsync(server.Flag("br"));
            statuses.Add(response.StatusCode);
        }

        // Assert
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact(Timeout = 30000)]
    public async Task Get_SameSeedTwice_SameSequenceOfOutcomes()
    {
        // Arrange
        var kinds = new HashSet<FaultKind> { FaultKind.Http500, FaultKind.Http503, FaultKind.Http429 };

        // Act
        int[] first = await StatusSequenceAsync(new FlagServerOptions { Mode = ServerMode.Error, Seed = 42, Faults = kinds, Delay = TimeSpan.Zero });
        int[] second = await StatusSequenceAsync(new FlagServerOptions { Mode = ServerMode.Error, Seed = 42, Faults = kinds, Delay = TimeSpan.Zero });
        int[] other = await StatusSequenceAsync(new FlagServerOptions { Mode = ServerMode.Error, Seed = 43, Faults = kinds, Delay = TimeSpan.Zero });

        // Assert
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains(200, first);
        Assert.True(first.Distinct().Count() >= 3, "A 60-request run should mix successes and several fault kinds.");
    }

    [Fact]
    public void PlanFor_SameSeed_SamePlansIncludingDelays()
    {
        // Arrange
        var a = new RequestPlanner(7, 0.25, TimeSpan.FromMilliseconds(500), 0.5, TimeSpan.FromMilliseconds(100), null);
        var b = new RequestPlanner(7, 0.25, TimeSpan.FromMilliseconds(500), 0.5, TimeSpan.FromMilliseconds(100), null);

        // Act
        RequestPlan[] plansA = [.. Enumerable.Range(1, 1000).Select(i => a.PlanFor(i))];
        RequestPlan[] plansB = [.. Enumerable.Range(1, 1000).Select(i => b.Next())];

        // Assert
        Assert.Equal(plansA, plansB);
        Assert.InRange(plansA.Count(p => p.Fault is not null), 200, 300);
        Assert.Equal(6, plansA.Where(p => p.Fault is not null).Select(p => p.Fault).Distinct().Count());
        Assert.All(plansA.Where(p => p.Delay > TimeSpan.Zero), p => Assert.InRange(p.Delay.TotalMilliseconds, 500, 600));
    }

    private static async Task<int[]> StatusSequenceAsync(FlagServerOptions options)
    {
        await using FlagServer server = await TestServers.StartAsync(options);
        using HttpClient client = TestServers.Client();
        var statuses = new int[60];
        for (int i = 0; i < statuses.Length; i++)
        {
            using HttpResponseMessage response = await client.GetAsync(server.Flag("br"));
            statuses[i] = (int)response.StatusCode;
        }
        return statuses;
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
