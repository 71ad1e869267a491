using System.Globalization;
using Flags.Server.Content;
using Flags.Server.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Flags.Server.Http;

/// <summary><c>/blob/{bytes}</c>: large generated bodies with validators, ranges and faults (issue 17 part 6).</summary>
internal sealed partial class FlagRequestHandler
{
    private static readonly StringValues OctetStream = new("application/octet-stream");
    private static readonly StringValues AcceptRangesNone = new("none");
    private static readonly DateTimeOffset BlobPublished = new(2015, 8, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly StringValues BlobLastModified = new(BlobPublished.ToString("R", CultureInfo.InvariantCulture));

    private async ValueTask<long> ServeBlobAsync(HttpContext context, RequestPlan plan, Task? hold, BlobRequest blob, bool isGet, bool isHead)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        IHeaderDictionary headers = response.Headers;
        var body = new BlobBody(blob.Length, blob.Seed);
        string etag = blob.ETag;
        headers.ETag = etag;
        headers.LastModified = BlobLastModified;
        headers.AcceptRanges = blob.Ranges ? AcceptRangesBytes : AcceptRangesNone;

        // The normal answer first, so that a fault cuts that very answer (a range included).
        int status = StatusCodes.Status200OK;
        long offset = 0;
        long count = blob.Length;
        if (Conditionals.IsNotModified(request.Headers, etag, BlobPublished, time.GetUtcNow()))
        {
            status = StatusCodes.Status304NotModified;
            count = 0;
        }
        else if (isGet && blob.Ranges && request.Headers.Range.Count == 1 && Conditionals.IfRangeAllows(request.Headers.IfRange, etag, BlobPublished))
        {
            switch (ByteRange.Parse(request.Headers.Range[0], blob.Length, out long start, out long end))
            {
                case RangeOutcome.Partial:
                    status = StatusCodes.Status206PartialContent;
                    headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{blob.Length}");
                    offset = start;
                    count = end - start + 1;
                    break;
                case RangeOutcome.Unsatisfiable:
                    status = StatusCodes.Status416RangeNotSatisfiable;
                    headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{blob.Length}");
                    count = 0;
                    break;
            }
        }

        if (plan.Fault is { } fault)
        {
            return await FailAsync(context, fault, status, OctetStream, body, offset, count, isHead).ConfigureAwait(false);
        }
        if (hold is not null)
        {
            await hold.ConfigureAwait(false);
        }
        if (blob.ResetAfter is { } cut && cut < count && !isHead)
        {
            return await BreakBodyAsync(context, FaultKind.ResetMidBody, status, OctetStream, body, offset, count, cut, isHead).ConfigureAwait(false);
        }

        response.StatusCode = status;
        if (status == StatusCodes.Status304NotModified)
        {
            return 0;
        }
        response.ContentType = OctetStream;
        response.ContentLength = count;
        if (isHead || count == 0)
        {
            return 0;
        }
        return await BodyStreaming.WriteAsync(response.Body, body, offset, count, context.RequestAborted).ConfigureAwait(false);
    }
}
