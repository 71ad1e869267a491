using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Flags.Server.Content;
using Flags.Server.Faults;
using Flags.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Flags.Server;

/// <summary>
/// The embedded flag server: Kestrel on one address, serving <c>{BaseUrl}/{cc}/{cc}.gif</c> and
/// <c>{BaseUrl}/country_codes.txt</c> with the delays and faults of <see cref="FlagServerOptions"/>. Start it
/// with <see cref="StartAsync"/>; stop it with <see cref="DisposeAsync"/>.
/// </summary>
public sealed class FlagServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly RequestPlanner _planner;
    private readonly IContentSource _content;
    private int _disposed;

    private FlagServer(
        WebApplication app, CancellationTokenSource stopping, FlagServerOptions options, Uri baseUrl, int seed, RequestPlanner planner, IContentSource content, X509Certificate2? certificate)
    {
        _app = app;
        Certificate = certificate;
        _content = content;
        _stopping = stopping;
        Options = options;
        BaseUrl = baseUrl;
        Seed = seed;
        _planner = planner;
        Delay = planner.Delay;
        ErrorRate = planner.ErrorRate;
    }

    /// <summary>Where the flags are, e.g. <c>http://127.0.0.1:41234/flags</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// The URL of a generated body of <paramref name="bytes"/> bytes, e.g. <c>http://127.0.0.1:41234/blob/1048576?seed=7</c>:
    /// the same (bytes, seed) gives the same bytes, with ETag, Last-Modified and byte ranges (docs/server.md).
    /// </summary>
    /// <param name="bytes">The body length, 0 to 1 TiB.</param>
    /// <param name="seed">Chooses the bytes. The default value is 0.</param>
    public Uri BlobUrl(long bytes, ulong seed = 0) =>
        new(BaseUrl, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/blob/{bytes}?seed={seed}"));

    /// <summary>
    /// The certificate served over TLS (<see cref="FlagServerOptions.Tls"/>), with its private key; a client test
    /// trusts exactly this one (compare <see cref="X509Certificate2.Thumbprint"/>, or put
    /// <see cref="CertificatePem"/> in a custom trust store). <see langword="null"/> without TLS.
    /// </summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The public certificate in PEM (what <c>curl --cacert</c> reads), or <see langword="null"/> without TLS.</summary>
    public string? CertificatePem => Certificate?.ExportCertificatePem();

    /// <summary>The options the server was started with.</summary>
    public FlagServerOptions Options { get; }

    /// <summary>The seed in use: <see cref="FlagServerOptions.Seed"/>, or the random one picked when it was not set.</summary>
    public int Seed { get; }

    /// <summary>The hold of a held response in effect (the option, or the mode's default).</summary>
    public TimeSpan Delay { get; }

    /// <summary>The error rate in effect (the option, or the mode's default).</summary>
    public double ErrorRate { get; }

    /// <summary>How many requests have reached the handler (for tests that must know a request arrived).</summary>
    internal long RequestCount => _planner.Count;

    /// <summary>Validates <paramref name="options"/>, starts listening and returns once requests are accepted.</summary>
    /// <param name="options">The settings; see <see cref="FlagServerOptions"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException"><see cref="FlagServerOptions.Validate()"/> found problems (the message holds
    /// every one of them).</exception>
    /// <exception cref="DirectoryNotFoundException"><see cref="FlagServerOptions.Root"/> was removed while starting.</exception>
    /// <exception cref="IOException">The address cannot be bound, e.g. the port is in use.</exception>
    public static async Task<FlagServer> StartAsync(FlagServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
        IPAddress address = FlagServerOptions.ParseHost(options.Host)!;
        IContentSource content = options.Root is null ? GeneratedContentSource.Instance : new DirectoryContentSource(options.Root);
        int seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        RequestPlanner planner = CreatePlanner(options, seed);
        TimeProvider time = options.Time ?? TimeProvider.System;
        RequestLogWriter? log = options.RequestLog is null ? null : new RequestLogWriter(options.RequestLog, time);

        var stopping = new CancellationTokenSource();
        WebApplication? app = null;
        X509Certificate2? certificate = null;
        try
        {
            certificate = options.UsesTls ? ServerCertificate.For(options, time) : null;
            app = Build(address, options.Port, certificate, options.Http2);
            var handler = new FlagRequestHandler(content, planner, time, log, stopping.Token);
            app.Run(handler.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Uri baseUrl = ReadBaseUrl(app);
            return new FlagServer(app, stopping, options, baseUrl, seed, planner, content, certificate);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
            stopping.Dispose();
            (content as IDisposable)?.Dispose();
            certificate?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops accepting connections, ends held and stalled requests, waits up to 5 s for the others to finish and
    /// releases the port. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        (_content as IDisposable)?.Dispose();
        Certificate?.Dispose();
    }

    private static WebApplication Build(IPAddress address, int port, X509Certificate2? certificate, bool http2)
    {
        // The empty builder reads no configuration files or environment and registers no logging providers, so
        // the server is quiet and behaves the same wherever it starts.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Flags.Server" });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.Backlog = 4096; // room for a thousand clients connecting at once
            // Run the handler on the socket's I/O thread instead of queueing it to the thread pool: one thread hop
            // less per request (issue 18 part 6). Safe because the handler never blocks there: holds and stalls are
            // timers, bodies are in memory or generated, and only a cache miss reads a (small) file.
            sockets.UnsafePreferInlineScheduling = true;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Absurd request lines and headers are refused (414 / 431) as they arrive, never buffered whole.
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024; // no route reads a body
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000; // as many as a client's -m may multiplex
            kestrel.Listen(address, port, listen =>
            {
                if (certificate is not null)
                {
                    // HTTP/1.1 and HTTP/2, chosen by the client in the TLS handshake (ALPN).
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
                else
                {
                    // Cleartext HTTP/2 needs prior knowledge: a port speaks it or HTTP/1.1, not both.
                    listen.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1;
                }
            });
        });
        return builder.Build();
    }

    private static Uri ReadBaseUrl(WebApplication app)
    {
        IServerAddressesFeature? addresses = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()
            : null;
        string? bound = addresses?.Addresses.FirstOrDefault();
        if (bound is null)
        {
            throw new InvalidOperationException("Kestrel started but reported no bound address.");
        }
        return new Uri(bound.TrimEnd('/') + FlagRoute.BasePath);
    }

    private static RequestPlanner CreatePlanner(FlagServerOptions options, int seed)
    {
        TimeSpan delay = options.Delay ?? (options.Mode == ServerMode.Local ? TimeSpan.Zero : FlagServerOptions.DefaultDelay);
        // Which responses are held: all of them, except in ERROR mode where half of those that do not fail are
        // (issue 3; the reference's Vaurien proxy held a little more, "25:error,50:delay").
        double held = options.Mode == ServerMode.Error ? 0.5 : 1.0;
        return new RequestPlanner(seed, options.EffectiveErrorRate, delay, held, options.Jitter, options.Faults);
    }
}
