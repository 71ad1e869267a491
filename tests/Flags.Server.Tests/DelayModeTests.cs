using System.Diagnostics;
using System.Net;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

public class DelayModeTests
{
    [Fact(Timeout = 30000)]
    public async Task Get_DelayModeDefaults_HeldAbout500ms()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Mode = ServerMode.Delay });
        using HttpClient client = TestServers.Client();

        // Act
        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await client.GetAsync(server.Flag("br"));
        clock.Stop();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(500), server.Delay);
        Assert.Equal(0, server.ErrorRate);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(480), $"Answered after {clock.Elapsed.TotalMilliseconds} ms.");
    }

    [Fact(Timeout = 30000)]
    public async Task Get_LocalModeWithDelayOption_HeldForTheGivenTime()
    {
        // Arrange
        var options = new FlagServerOptions { Mode = ServerMode.Local, Delay = TimeSpan.FromMilliseconds(300) };
        await using FlagServer server = await TestServers.StartAsync(options);
        using HttpClient client = TestServers.Client();

        // Act
        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await client.GetAsync($"{server.BaseUrl}/country_codes.txt");
        clock.Stop();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"Answered after {clock.Elapsed.TotalMilliseconds} ms.");
    }

    [Fact(Timeout = 30000)]
    public async Task Get_LocalModeDefaults_NotHeld()
    {
        // Arrange
        await using FlagServer server = await TestServers.StartAsync();

        // Act
        using HttpClient client = TestServers.Client();
        (await client.GetAsync(server.Flag("br"))).Dispose();

        // Assert
        Assert.Equal(TimeSpan.Zero, server.Delay);
        Assert.Equal(0, server.ErrorRate);
    }

    [Fact(Timeout = 60000)]
    public async Task Get_ThousandConcurrentRequestsAt1s_AllDoneInAboutOneSecond()
    {
        // Arrange: held requests wait on timers, not threads, so 1,000 of them overlap completely.
        var options = new FlagServerOptions { Mode = ServerMode.Delay, Delay = TimeSpan.FromSeconds(1) };
        await using FlagServer server = await TestServers.StartAsync(options);
        using HttpClient client = TestServers.Client(timeout: TimeSpan.FromSeconds(30), maxConnections: 1000);
        string[] codes = [.. Enumerable.Range(0, 1000).Select(i => CountryCodes.All[i % CountryCodes.All.Count].ToLowerInvariant())];

        // Act
        var clock = Stopwatch.StartNew();
        HttpStatusCode[] statuses = await Task.WhenAll(codes.Select(async code =>
        {
            using HttpResponseMessage response = await client.GetAsync(server.Flag(code));
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        }));
        clock.Stop();

        // Assert: serialised on two cores this would take minutes; overlapped it takes a little over 1 s.
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"Finished in {clock.Elapsed.TotalSeconds:0.00} s, before the delay.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"1,000 concurrent 1 s delays took {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    [Fact(Timeout = 30000)]
    public async Task Get_Jitter_HoldsBetweenDelayAndDelayPlusJitter()
    {
        // Arrange
        var log = new StringWriter();
        var options = new FlagServerOptions
        {
            Mode = ServerMode.Delay, Delay = TimeSpan.FromMilliseconds(100), Jitter = TimeSpan.FromMilliseconds(400), Seed = 3, RequestLog = log,
        };
        await using (FlagServer server = await TestServers.StartAsync(options))
        {
            using HttpClient client = TestServers.Client();

            // Act
            await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await client.GetAsync(server.Flag("fr"))).Dispose()));
        }

        // Assert: the log shows each planned hold; they vary and stay within [delay, delay + jitter).
        int[] holds = [.. System.Text.RegularExpressions.Regex.Matches(log.ToString(), @"held=(\d+)ms").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(20, holds.Length);
        Assert.All(holds, hold => Assert.InRange(hold, 100, 500));
        Assert.True(holds.Distinct().Count() > 5, "Jitter should vary the holds.");
    }

    [Fact(Timeout = 30000)]
    public async Task Get_ClientGivesUpDuringHold_ServerKeepsServing()
    {
        // Arrange
        var options = new FlagServerOptions { Mode = ServerMode.Delay, Delay = TimeSpan.FromSeconds(5) };
        await using FlagServer server = await TestServers.StartAsync(options);
        using HttpClient impatient = TestServers.Client(timeout: TimeSpan.FromMilliseconds(200));

        // Act
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync(server.Flag("br")));
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: nothing held the server open
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {clock.Elapsed.TotalSeconds:0.00} s.");
    }

    [Fact(Timeout = 30000)]
    public async Task DisposeAsync_RequestsHeld_StopsWithoutWaitingForTheHold()
    {
        // Arrange
        var options = new FlagServerOptions { Mode = ServerMode.Delay, Delay = TimeSpan.FromMinutes(5) };
        FlagServer server = await TestServers.StartAsync(options);
        using HttpClient client = TestServers.Client(timeout: TimeSpan.FromSeconds(20));
        Task<HttpResponseMessage> held = client.GetAsync(server.Flag("br"));
        await Eventually.TrueAsync(() => server.RequestCount == 1, "the held request to reach the server");

        // Act
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {clock.Elapsed.TotalSeconds:0.00} s.");
        await Assert.ThrowsAnyAsync<Exception>(() => held.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}
