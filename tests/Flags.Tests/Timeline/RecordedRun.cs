using System.Net;
using Flags.Timeline;

namespace Flags.Tests.Timeline;

/// <summary>
/// Downloads flags over real HTTP (HttpClient straight to the embedded server, not the CLI) and records every try
/// into a <see cref="TimelineRecorder"/> the way the engine is to: the same calls, at the same moments. It stands in
/// for the engine until <c>--timeline</c> is wired into it, and it keeps its own account of requests and outcomes,
/// so tests can check the picture against what really happened.
/// </summary>
internal sealed class RecordedRun : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimelineRecorder _recorder;
    private int _requests;

    public RecordedRun(TimelineRecorder recorder, int concurrency)
    {
        _recorder = recorder;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = TimelineConnect.Callback(recorder), // null (the default connect) when off
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Concurrency = concurrency;
    }

    public int Concurrency { get; }

    /// <summary>Requests made, counted here (not by the recorder).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Tries per code; failures beyond the last try are errors. The default value is 3.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>The limit of one try. The default value is 2 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Downloads <paramref name="codes"/> from <paramref name="baseUrl"/> into <paramref name="folder"/>, at most
    /// <see cref="Concurrency"/> at once (Parallel.ForEachAsync, as the async strategy does); returns each code's final outcome.
    /// </summary>
    public async Task<Dictionary<string, TryOutcome>> RunAsync(Uri baseUrl, IEnumerable<string> codes, string folder, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, TryOutcome>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(codes, options, async (code, ct) =>
        {
            var outcome = await DownloadAsync(baseUrl, code, folder, ct);
            lock (outcomes)
            {
                outcomes.Add(code, outcome);
            }
        });
        return outcomes;
    }

    private async Task<TryOutcome> DownloadAsync(Uri baseUrl, string code, string folder, CancellationToken cancellationToken)
    {
        var job = _recorder.NextJob();
        var queued = _recorder.Now();
        var uri = new Uri($"{baseUrl.AbsoluteUri}/{code.ToLowerInvariant()}/{code.ToLowerInvariant()}.gif");
        var target = Path.Combine(folder, code.ToLowerInvariant() + ".gif");
        for (var attempt = 1; ; attempt++)
        {
            // The stamps are a local of this async method: they live in its state machine, no allocation.
            var stamps = new TryStamps { Queued = queued, Started = _recorder.Now() };
            var connect = _recorder.Enabled ? new ConnectStamps() : null;
            TryOutcome outcome;
            string? detail = null;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (connect is not null)
                {
                    request.Options.Set(TimelineConnect.Key, connect);
                }

                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
                stamps.FirstByte = _recorder.Now();
                stamps.ConnectStart = connect?.Start ?? 0;
                stamps.ConnectEnd = connect?.End ?? 0;
                if (response.StatusCode is HttpStatusCode.NotFound)
                {
                    outcome = TryOutcome.NotFound;
                }
                else if (!response.IsSuccessStatusCode)
                {
                    (outcome, detail) = (TryOutcome.Error, $"HTTP {(int)response.StatusCode}");
                }
                else
                {
                    // Body to target.part, then flush and rename, as the engine's sink does; the body's end stamped between.
                    var part = target + ".part";
                    try
                    {
                        await using (var file = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None))
                        {
                            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
                            await body.CopyToAsync(file, limit.Token);
                            stamps.BodyEnd = _recorder.Now();
                            await file.FlushAsync(limit.Token);
                        }

                        File.Move(part, target, overwrite: true);
                    }
                    catch
                    {
                        File.Delete(part);
                        throw;
                    }

                    outcome = TryOutcome.Ok;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                (outcome, detail) = (TryOutcome.Error, ex is OperationCanceledException ? "timeout" : ex.GetType().Name);
            }

            stamps.Ended = _recorder.Now();
            Interlocked.Increment(ref _requests);
            _recorder.Record(job, attempt, code, outcome, detail, stamps);
            if (outcome is not TryOutcome.Error || attempt == Tries)
            {
                return outcome;
            }

            // A short fixed backoff (the engine's is Polly's); it shows as the retry's waiting lead-in.
            queued = stamps.Ended;
            await Task.Delay(TimeSpan.FromMilliseconds(30 * attempt), cancellationToken);
        }
    }

    public void Dispose() => _client.Dispose();
}
