using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Futures;

namespace Flags.Engine.BigFiles;

/// <summary>
/// One try of one download when a big-file option is on (issue 17): resume a kept .part with Range + If-Range
/// (append on 206, start over on 200), hash as it streams, hold the rate limits, split a file with a known length
/// over several connections, and report how it began. Without -c no .part survives a failure, as on the small-file
/// path; with -c a .part survives only next to a sidecar naming its validator. --timeout here is the longest wait for
/// an answer or for the next bytes, not for the whole file.
/// </summary>
internal sealed partial class BigFileTransfer : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly TransferSettings _settings;
    private readonly Func<HttpResponseMessage, AttemptOutcome?> _classify;
    private readonly BodyCopier _copier;
    private readonly Lazy<ThreadPoolExecutor> _segments;

    /// <summary>Creates the transfer over the fetcher's client; <paramref name="classify"/> maps a failed status to its outcome (null for success).</summary>
    public BigFileTransfer(HttpClient client, FetchOptions options, Func<HttpResponseMessage, AttemptOutcome?> classify)
    {
        _client = client;
        _options = options;
        _settings = options.Transfer;
        _classify = classify;
        var overall = _settings.RateLimit is { } rate ? new TokenBucket(rate, BodyCopier.MaxChunk, options.TimeProvider) : null;
        _copier = new BodyCopier(overall, _settings.RateLimitPerFile, options.Timeout, options.Progress);
        _segments = new Lazy<ThreadPoolExecutor>(() =>
            new ThreadPoolExecutor(Math.Min(256, _settings.Split * options.Concurrency), "flags-split"));
    }

    /// <summary>Runs one try of <paramref name="job"/> into <paramref name="target"/>.</summary>
    public async ValueTask<AttemptOutcome> AttemptAsync(DownloadJob job, string target, CancellationToken cancellationToken)
    {
        var part = target + PartFileSink.PartSuffix;
        var plan = Plan(job, target);
        using var request = new HttpRequestMessage(HttpMethod.Get, job.Uri);
        if (plan.Have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(plan.Have, null);
            request.Headers.IfRange = IfRange(plan.Sidecar!);
        }
        else if (_settings.Split > 1)
        {
            // Asking for a range tells at once whether the server has ranges and how long the file is.
            request.Headers.Range = new RangeHeaderValue(0, null);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && plan.Have > 0 && plan.Have == plan.Sidecar!.Length)
        {
            // The kept .part was already whole (interrupted between the last byte and the rename).
            return FinishKept(job, target, plan);
        }

        if (_classify(response) is { } failed)
        {
            if (plan.Have > 0)
            {
                // A kept .part the server will not continue is of no use to the next try.
                Discard(target);
            }

            return failed;
        }

        var start = Start(response, plan, target, out var total, out var how, out var reason);
        if (how == TransferStart.Fresh && response.StatusCode == HttpStatusCode.PartialContent
            && _settings.Split > 1 && total is { } length && length >= _settings.Split * MinSegment)
        {
            return await SplitAsync(job, target, response, length, cancellationToken).ConfigureAwait(false);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            return await StreamAsync(job, target, part, body, response, plan, start, total, how, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_segments.IsValueCreated)
        {
            _segments.Value.Dispose();
        }
    }

    private async Task<AttemptOutcome> StreamAsync(
        DownloadJob job, string target, string part, Stream body, HttpResponseMessage response, ResumePlan plan,
        long start, long? total, TransferStart how, string? reason, CancellationToken cancellationToken)
    {
        var keep = false;
        try
        {
            string? digest;
            long length;
            using (var file = start > 0 ? SafePartFile.OpenExisting(part, write: true) : SafePartFile.CreateNew(part))
            {
                if (start == 0)
                {
                    // The sidecar is on disk before the first body byte, so a kept .part always has one.
                    var sidecar = _settings.Continue && total is { } t ? SidecarFor(job, response, t) : null;
                    ResumeSidecar.Delete(target);
                    sidecar?.Write(target);
                    keep = sidecar is not null;
                }
                else
                {
                    RandomAccess.SetLength(file, start);
                    keep = true;
                }

                using var digests = FileDigests.For(job.Checksum ?? _settings.Checksum, _settings.Digest);
                if (digests is not null && start > 0)
                {
                    // The kept prefix is read once; the rest is hashed as it arrives.
                    BodyCopier.HashPrefix(file, start, digests);
                }

                _options.Progress?.Begin(job, total, start);
                var perFile = _copier.PerFileRate is { } rate ? new TokenBucket(rate, _copier.Chunk, _options.TimeProvider) : null;
                var copied = await _copier.CopyAsync(body, file, start, null, job, digests, perFile, cancellationToken).ConfigureAwait(false);
                length = start + copied;
                if (total is { } expected && length != expected)
                {
                    throw new BodyLengthException(copied, expected - start);
                }

                digest = digests?.Finish();
            }

            File.Move(part, target, overwrite: true);
            ResumeSidecar.Delete(target);
            return AttemptOutcome.Saved(length) with { Transfer = new TransferInfo(how, how == TransferStart.Resumed ? start : 0, reason, 1, digest) };
        }
        catch (Exception ex) when (ex is ChecksumMismatchException || !keep || !_settings.Continue)
        {
            Discard(target);
            throw;
        }
    }

    private AttemptOutcome FinishKept(DownloadJob job, string target, ResumePlan plan)
    {
        var part = target + PartFileSink.PartSuffix;
        string? digest = null;
        try
        {
            using (var file = SafePartFile.OpenExisting(part, write: false))
            {
                using var digests = FileDigests.For(job.Checksum ?? _settings.Checksum, _settings.Digest);
                if (digests is not null)
                {
                    BodyCopier.HashPrefix(file, plan.Have, digests);
                    digest = digests.Finish();
                }
            }
        }
        catch (ChecksumMismatchException)
        {
            Discard(target);
            throw;
        }

        File.Move(part, target, overwrite: true);
        ResumeSidecar.Delete(target);
        return AttemptOutcome.Saved(plan.Have) with { Transfer = new TransferInfo(TransferStart.Resumed, plan.Have, null, 1, digest) };
    }

    /// <summary>Where the body starts on disk, the full length, and how this try began.</summary>
    private static long Start(HttpResponseMessage response, ResumePlan plan, string target, out long? total, out TransferStart how, out string? reason)
    {
        reason = null;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var from = 0L;
            var range = response.Content.Headers.ContentRange;
            if (range is not { From: { } first, To: { } last, Length: { } length } || last != length - 1 || first != (from = plan.Have)
                || (plan.Sidecar is { } kept && plan.Have > 0 && kept.Length != length))
            {
                Discard(target);
                throw new IOException($"the server sent the range '{range}', not bytes {from}- of the whole file");
            }

            total = length;
            how = plan.Have > 0 ? TransferStart.Resumed : plan.Distrust is null ? TransferStart.Fresh : TransferStart.Restarted;
            reason = how == TransferStart.Restarted ? plan.Distrust : null;
            return plan.Have;
        }

        total = response.Content.Headers.ContentLength;
        if (plan.Have > 0)
        {
            how = TransferStart.Restarted;
            reason = response.Headers.ETag is { } etag && plan.Sidecar!.ETag is { } old && etag.ToString() != old
                ? "the file changed (its ETag differs)"
                : "the server sent the whole file (it changed, or ignores ranges)";
        }
        else
        {
            how = plan.Distrust is null ? TransferStart.Fresh : TransferStart.Restarted;
            reason = plan.Distrust;
        }

        return 0;
    }

    private ResumePlan Plan(DownloadJob job, string target)
    {
        if (!_settings.Continue)
        {
            return ResumePlan.None;
        }

        long have;
        try
        {
            using var file = SafePartFile.OpenExisting(target + PartFileSink.PartSuffix, write: false);
            have = RandomAccess.GetLength(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return File.Exists(target + PartFileSink.PartSuffix) || new FileInfo(target + PartFileSink.PartSuffix).LinkTarget is not null
                ? new ResumePlan(0, null, "the .part file could not be opened (a link, or unreadable)")
                : ResumePlan.None;
        }

        var sidecar = ResumeSidecar.TryRead(target);
        if (sidecar is null)
        {
            return new ResumePlan(0, null, "the .part file has no readable sidecar");
        }

        if (sidecar.Url != job.Uri.AbsoluteUri)
        {
            return new ResumePlan(0, null, "the .part file was fetched from another URL");
        }

        return have > 0 && have <= sidecar.Length
            ? new ResumePlan(have, sidecar, null)
            : new ResumePlan(0, null, have == 0 ? null : "the .part file is longer than its sidecar says");
    }

    private static ResumeSidecar? SidecarFor(DownloadJob job, HttpResponseMessage response, long total)
    {
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            return new ResumeSidecar(job.Uri.AbsoluteUri, total, etag.ToString(), null);
        }

        // A weak ETag cannot go in If-Range (RFC 9110 13.1.5); a date can.
        return response.Content.Headers.LastModified is { } modified
            ? new ResumeSidecar(job.Uri.AbsoluteUri, total, null, modified.ToString("R", CultureInfo.InvariantCulture))
            : null;
    }

    private static RangeConditionHeaderValue IfRange(ResumeSidecar sidecar) =>
        sidecar.ETag is { } etag
            ? new RangeConditionHeaderValue(EntityTagHeaderValue.Parse(etag))
            : new RangeConditionHeaderValue(DateTimeOffset.Parse(sidecar.LastModified!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.Timeout);
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no answer within {_options.Timeout.TotalSeconds:0.###}s");
        }
    }

    private static void Discard(string target)
    {
        SafePartFile.Delete(target + PartFileSink.PartSuffix);
        ResumeSidecar.Delete(target);
    }

    /// <summary>What a kept .part offers: bytes to keep (0 = none) under a sidecar, or why a .part there is not trusted.</summary>
    private sealed record ResumePlan(long Have, ResumeSidecar? Sidecar, string? Distrust)
    {
        public static ResumePlan None { get; } = new(0, null, null);
    }
}
