using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Futures;
using Microsoft.Win32.SafeHandles;

namespace Flags.Engine.BigFiles;

/// <summary>
/// -x N: the file is cut into N ranges, each a future on the split executor with its own connection, written in place
/// into one preallocated .part at its offset through one fixed buffer, and retried alone from where it stopped. The
/// first range reuses the answer that told us the length. The file is renamed once every range is whole.
/// </summary>
internal sealed partial class BigFileTransfer
{
    /// <summary>The smallest range worth its own connection; a shorter file is fetched as one stream.</summary>
    public const long MinSegment = 256 * 1024;

    private async Task<AttemptOutcome> SplitAsync(
        DownloadJob job, string target, HttpResponseMessage first, long total, CancellationToken cancellationToken)
    {
        var part = target + PartFileSink.PartSuffix;
        var validator = first.Headers.ETag is { IsWeak: false } etag
            ? new RangeConditionHeaderValue(etag)
            : first.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified) : null;
        try
        {
            string? digest = null;
            using (var file = SafePartFile.CreateNew(part, total))
            {
                // The pieces land out of order, so a split .part is never resumed: no sidecar.
                ResumeSidecar.Delete(target);
                RandomAccess.SetLength(file, total);
                _options.Progress?.Begin(job, total, 0);
                var firstBody = await first.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (firstBody.ConfigureAwait(false))
                {
                    await RunSegmentsAsync(job, file, firstBody, total, validator, cancellationToken).ConfigureAwait(false);
                }

                using var digests = FileDigests.For(job.Checksum ?? _settings.Checksum, _settings.Digest);
                if (digests is not null)
                {
                    // Out-of-order pieces cannot be hashed as they stream; the finished file is read once.
                    BodyCopier.HashPrefix(file, total, digests);
                    digest = digests.Finish();
                }
            }

            File.Move(part, target, overwrite: true);
            return AttemptOutcome.Saved(total) with { Transfer = new TransferInfo(TransferStart.Fresh, 0, null, _settings.Split, digest) };
        }
        catch
        {
            Discard(target);
            throw;
        }
    }

    private async Task RunSegmentsAsync(
        DownloadJob job, SafeFileHandle file, Stream firstBody, long total, RangeConditionHeaderValue? validator, CancellationToken cancellationToken)
    {
        var count = _settings.Split;
        var size = (total + count - 1) / count;
        var perFile = _copier.PerFileRate is { } rate ? new TokenBucket(rate, _copier.Chunk, _options.TimeProvider) : null;

        // One range that fails for good stops the others at once.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var futures = new List<Future<long>>(count);
        for (var i = 0; i < count; i++)
        {
            var from = i * size;
            var to = Math.Min(total, from + size) - 1;
            var segment = new Segment(job, file, i == 0 ? firstBody : null, from, to, validator, perFile);
            // A worker of the split executor per range, blocking on its copy (as the futures strategy runs its jobs).
            futures.Add(_segments.Value.Submit(() => SegmentAsync(segment, stop.Token).GetAwaiter().GetResult()));
        }

        Exception? error = null;
        await foreach (var future in Future.AsCompletedAsync(futures, CancellationToken.None).ConfigureAwait(false))
        {
            if (future.Exception(timeout: null, CancellationToken.None) is { } failed && error is null)
            {
                error = failed;
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    private async Task<long> SegmentAsync(Segment segment, CancellationToken cancellationToken)
    {
        var at = new StrongBox<long>(segment.From);
        var body = segment.FirstBody;
        for (var retry = 0; ; )
        {
            var before = at.Value;
            try
            {
                if (body is not null)
                {
                    await _copier.CopyAsync(body, segment.File, at.Value, segment.To - at.Value + 1, segment.Job, null, segment.PerFile, cancellationToken, at)
                        .ConfigureAwait(false);
                    body = null;
                }
                else
                {
                    await FetchRangeAsync(segment, at, cancellationToken).ConfigureAwait(false);
                }

                if (at.Value > segment.To)
                {
                    return segment.To - segment.From + 1;
                }

                throw new IOException($"the range {segment.From}-{segment.To} ended at byte {at.Value}");
            }
            catch (Exception ex) when (ex is (IOException and not FileChangedException) or HttpRequestException
                && (at.Value > before || retry < _options.Retries) && !cancellationToken.IsCancellationRequested)
            {
                // Only this range is tried again, from where it stopped; a try that brought bytes is not a failed one.
                body = null;
                retry = at.Value > before ? 0 : retry + 1;
                var delay = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks << Math.Min(retry, 20)));
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FetchRangeAsync(Segment segment, StrongBox<long> written, CancellationToken cancellationToken)
    {
        var at = written.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, segment.Job.Uri);
        request.Headers.Range = new RangeHeaderValue(at, segment.To);
        request.Headers.IfRange = segment.Validator;
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            throw new FileChangedException("the file changed on the server during the split download (it sent the whole file for a range)");
        }

        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            throw new IOException($"HTTP {(int)response.StatusCode} for the range {at}-{segment.To}");
        }

        if (response.Content.Headers.ContentRange is not { From: { } from, To: { } to } || from != at || to != segment.To)
        {
            throw new IOException($"the server sent the range '{response.Content.Headers.ContentRange}' for {at}-{segment.To}");
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await _copier.CopyAsync(body, segment.File, at, segment.To - at + 1, segment.Job, null, segment.PerFile, cancellationToken, written)
                .ConfigureAwait(false);
        }
    }

    private sealed record Segment(
        DownloadJob Job, SafeFileHandle File, Stream? FirstBody, long From, long To, RangeConditionHeaderValue? Validator, TokenBucket? PerFile);
}
