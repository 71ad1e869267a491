using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Flags.Engine;

/// <summary>
/// Fetches jobs over HTTP through ONE <see cref="SocketsHttpHandler"/> shared by every worker: keep-alive connections
/// pooled up to the concurrency, no decompression, no proxy, bodies streamed to disk. Each job gets one try plus up to
/// <see cref="FetchOptions.Retries"/> retries (Polly retry: exponential backoff with jitter, honouring Retry-After), each
/// limited by <see cref="FetchOptions.Timeout"/>. A 404 or 410 is a result (not found); anything else that is not a saved body is retried.
/// </summary>
internal sealed partial class HttpFetcher : IDownloadFetcher, IDisposable
{
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline;
    private readonly FetchOptions _options;
    private readonly BigFiles.BigFileTransfer _transfer;

    /// <summary>Creates the shared handler and the retry pipeline.</summary>
    public HttpFetcher(FetchOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            // -x N opens N connections per file.
            MaxConnectionsPerServer = Math.Min(options.MaxConnectionsPerHost ?? options.Concurrency, options.Concurrency) * options.Transfer.Split,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false, // loopback servers must not be sent through an http_proxy from the environment
            UseCookies = false,

            // Null (the handler's own connect) unless --timeline records.
            ConnectCallback = Flags.Timeline.TimelineConnect.Callback(options.Timeline),
        };
        _client = new HttpClient(Connections.HttpTransport.Wrap(handler, options.Connection), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = BuildPipeline(options);
        _transfer = new BigFiles.BigFileTransfer(_client, options, Classify);
    }

    /// <inheritdoc />
    public async Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        var state = new AttemptState(this, job)
        {
            Clock = _options.Timeline.Enabled ? new AttemptClock(_options.Timeline, job.Timeline, cancellationToken) : null,
        };
        Outcome<AttemptOutcome> outcome;
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static (s, ct) => s.Fetcher.AttemptAsync(s, ct), state, cancellationToken).ConfigureAwait(false);
            outcome = Outcome.FromResult(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every failure after the last try is this job's outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            outcome = Outcome.FromException<AttemptOutcome>(ex);
        }

        return ToResult(job, state.Tries, outcome);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _transfer.Dispose();
        _client.Dispose();
    }

    private ValueTask<AttemptOutcome> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        state.Tries++;
        return state.Clock is null ? TryAsync(state, cancellationToken) : TimedTryAsync(state, state.Clock, cancellationToken);
    }

    private async ValueTask<AttemptOutcome> TryAsync(AttemptState state, CancellationToken cancellationToken)
    {
        if (!_options.Transfer.IsPlain || state.Job.Checksum is not null)
        {
            return await _transfer.AttemptAsync(state.Job, Path.Combine(_options.OutputDirectory, state.Job.FileName), cancellationToken)
                .ConfigureAwait(false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, state.Job.Uri);
        state.Clock?.Sending(request);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        state.Clock?.Answered();
        if (Classify(response) is { } failed)
        {
            return failed;
        }

        var target = Path.Combine(_options.OutputDirectory, state.Job.FileName);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var bytes = await PartFileSink.SaveAsync(body, response.Content.Headers.ContentLength, target, state.Clock?.BodyRead, cancellationToken)
                .ConfigureAwait(false);
            return AttemptOutcome.Saved(bytes);
        }
    }

    /// <summary>The outcome of a response that is not a body to save (404 or 410, another error status); null for a success.</summary>
    private AttemptOutcome? Classify(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? AttemptOutcome.NotFound
        : !response.IsSuccessStatusCode ? AttemptOutcome.Failed(response.StatusCode, response.ReasonPhrase, RetryAfter(response))
        : null;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date - _options.TimeProvider.GetUtcNow());
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, _options.MaxRetryDelay.Ticks)) : null;
    }

    private static ResiliencePipeline<AttemptOutcome> BuildPipeline(FetchOptions options)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = options.TimeProvider };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder<AttemptOutcome>()
                    .HandleResult(static r => r.Kind == AttemptKind.HttpError)
                    .Handle<HttpRequestException>(static ex => Connections.HttpTransport.CertificateProblem(ex) is null) // a refused certificate stays refused
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<SocketException>(),

                // Retry-After wins over the computed backoff; null falls back to exponential + jitter.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        // Inside the retry, so each try gets the full --timeout. A big-file try may take hours: there --timeout is
        // the longest wait for an answer or the next bytes, kept by BigFileTransfer.
        if (options.Transfer.IsPlain)
        {
            builder.AddTimeout(options.Timeout);
        }

        return builder.Build();
    }

    private DownloadResult ToResult(DownloadJob job, int tries, Outcome<AttemptOutcome> outcome)
    {
        if (outcome.Exception is { } ex)
        {
            return new DownloadResult(job.Key, DownloadStatus.Error, $"{Describe(ex)} {After(tries)}", tries, 0);
        }

        var attempt = outcome.Result!;
        return attempt.Kind switch
        {
            AttemptKind.Saved => new DownloadResult(job.Key, DownloadStatus.Ok, null, tries, attempt.Bytes) { Transfer = attempt.Transfer },
            AttemptKind.NotFound => new DownloadResult(job.Key, DownloadStatus.NotFound, null, tries, 0),
            _ => new DownloadResult(
                job.Key, DownloadStatus.Error, $"HTTP {(int)attempt.Status} {ReasonOf(attempt)} {After(tries)}", tries, 0),
        };
    }

    private string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => $"no complete answer within {_options.Timeout.TotalSeconds:0.###}s",
        HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } or
            HttpRequestException { InnerException: HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } } =>
            "connection closed before the body was complete",
        BodyLengthException => ex.Message,
        _ when Connections.HttpTransport.CertificateProblem(ex) is { } certificate => $"{certificate} (give --cacert FILE or --insecure)",
        _ when Connections.Http2Errors.Describe(ex) is { } reset => reset,

        // "An error occurred while sending the request." says less than its cause, e.g. "Connection reset by peer".
        HttpRequestException { InnerException: IOException { InnerException: SocketException socket } } => socket.Message,
        IOException { InnerException: SocketException socket } => socket.Message,
        HttpRequestException { InnerException: IOException inner } => inner.Message.TrimEnd('.'),
        _ => ex.Message.TrimEnd('.'),
    };

    private static string ReasonOf(AttemptOutcome attempt) =>
        string.IsNullOrWhiteSpace(attempt.Reason) ? attempt.Status.ToString() : Reporting.TerminalText.Safe(attempt.Reason);

    private static string After(int tries) => tries == 1 ? "after 1 try" : $"after {tries} tries";

    private sealed class AttemptState(HttpFetcher fetcher, DownloadJob job)
    {
        public HttpFetcher Fetcher { get; } = fetcher;

        public DownloadJob Job { get; } = job;

        public int Tries { get; set; }

        /// <summary>Stamps each try for --timeline; null when not recording.</summary>
        public AttemptClock? Clock { get; init; }
    }
}
