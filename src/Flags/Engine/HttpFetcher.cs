using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Flags.Engine;

/// <summary>
/// Fetches jobs over HTTP through ONE <see cref="SocketsHttpHandler"/> shared by every worker: keep-alive connections
/// pooled up to the concurrency, no decompression, no proxy, bodies streamed to disk. Each job gets one try plus up to
/// <see cref="FetchOptions.Retries"/> retries (Polly retry: exponential backoff with jitter, honouring Retry-After), each
/// limited by <see cref="FetchOptions.Timeout"/>. A 404 or 410 is a result (not found); anything else that is not a saved body is retried.
/// </summary>
/// <remarks>
/// The first try of a job runs outside Polly, and only a try that failed in a way worth retrying enters the retry
/// pipeline, which is built when the run first needs it: in the Native AOT build, building it (Polly validates its
/// options with DataAnnotations, by reflection) and its first call (generic virtual methods instantiated at run time)
/// took 3 ms of a 13 ms start-up + 1 request (issue 18). The pipeline is handed that first outcome as its own first
/// execution, so the backoff, the Retry-After wait and the number of tries are what Polly alone would give.
/// </remarks>
internal sealed partial class HttpFetcher : IDownloadFetcher, IDisposable
{
    private readonly HttpClient _client;
    private readonly Lazy<ResiliencePipeline<AttemptOutcome>> _retry;
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
        _retry = new(() => BuildRetry(options));
        _transfer = new BigFiles.BigFileTransfer(_client, options, Classify);
    }

    /// <inheritdoc />
    public async Task<DownloadResult> FetchAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        var state = new AttemptState(this, job)
        {
            Clock = _options.Timeline.Enabled ? new AttemptClock(_options.Timeline, job.Timeline, cancellationToken) : null,
        };
        var outcome = await OutcomeOfAsync(AttemptAsync(state, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (_options.Retries > 0 && ShouldRetry(outcome))
        {
            state.First = outcome;
            outcome = await OutcomeOfAsync(
                _retry.Value.ExecuteAsync(static (s, ct) => s.Fetcher.RetryAttemptAsync(s, ct), state, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }

        return ToResult(job, state.Tries, outcome);
    }

    /// <summary>What <paramref name="attempt"/> ended with: its result or its exception; Ctrl+C is rethrown.</summary>
    private static async ValueTask<Outcome<AttemptOutcome>> OutcomeOfAsync(ValueTask<AttemptOutcome> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await attempt.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every failure of a try is that try's outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Outcome.FromException<AttemptOutcome>(ex);
        }
    }

    /// <summary>
    /// Whether another try may help: an error status, a timeout, a broken or refused connection; never a 404, a saved
    /// body or a refused certificate (it stays refused).
    /// </summary>
    private static bool ShouldRetry(Outcome<AttemptOutcome> outcome) => outcome.Exception switch
    {
        null => outcome.Result!.Kind == AttemptKind.HttpError,
        HttpRequestException ex => Connections.HttpTransport.CertificateProblem(ex) is null,
        IOException or TryTimeoutException or SocketException => true,
        _ => false,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _transfer.Dispose();
        _client.Dispose();
    }

    /// <summary>The retry pipeline's callback: its first execution is the try already made, then real tries follow.</summary>
    private ValueTask<AttemptOutcome> RetryAttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        if (state.First is { } first)
        {
            state.First = null;
            return first.Exception is { } ex ? ValueTask.FromException<AttemptOutcome>(ex) : ValueTask.FromResult(first.Result!);
        }

        return AttemptAsync(state, cancellationToken);
    }

    private async ValueTask<AttemptOutcome> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        state.Tries++;
        if (!_options.Transfer.IsPlain)
        {
            // A big-file try may take hours: there --timeout is the longest wait for an answer or the next bytes, kept
            // by BigFileTransfer.
            return await OneTryAsync(state, cancellationToken).ConfigureAwait(false);
        }

        // The whole try, from sending the request to the last byte saved, within --timeout.
        using var timer = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await OneTryAsync(state, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TryTimeoutException(_options.Timeout);
        }
    }

    private ValueTask<AttemptOutcome> OneTryAsync(AttemptState state, CancellationToken cancellationToken) =>
        state.Clock is null ? TryAsync(state, cancellationToken) : TimedTryAsync(state, state.Clock, cancellationToken);

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

    /// <summary>The retries after a first try that <see cref="ShouldRetry"/> accepts; each try keeps its own --timeout.</summary>
    private static ResiliencePipeline<AttemptOutcome> BuildRetry(FetchOptions options) =>
        new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome)),

                // Retry-After wins over the computed backoff; null falls back to exponential + jitter.
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            })
            .Build();

    private static DownloadResult ToResult(DownloadJob job, int tries, Outcome<AttemptOutcome> outcome)
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

    private static string Describe(Exception ex) => ex switch
    {
        TryTimeoutException => ex.Message,
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

        /// <summary>The failed first try, until the retry pipeline has taken it as its first execution.</summary>
        public Outcome<AttemptOutcome>? First { get; set; }
    }
}
