using System.Buffers;
using System.Text;
using Flags.Server.Content;
using Flags.Server.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Flags.Server.Http;

/// <summary>
/// The whole application: routes a request, applies its <see cref="RequestPlan"/> (fault or hold), then answers
/// with proper HTTP (validators, conditional and range requests). Raw middleware, no MVC or reflection: trimming
/// and Native AOT safe.
/// </summary>
internal sealed partial class FlagRequestHandler(
    IContentSource content,
    RequestPlanner planner,
    TimeProvider time,
    RequestLogWriter? log,
    CancellationToken stopping)
{
    // Bodies up to this size are buffered whole in Kestrel's output pipe (its default limit is 64 KB).
    private const int UnflushedBodyLimit = 48 * 1024;

    private static readonly StringValues AcceptRangesBytes = new("bytes");
    private static readonly StringValues TextPlain = new("text/plain; charset=utf-8");
    private static readonly StringValues AllowedMethods = new("GET, HEAD");
    private static readonly byte[] NotFoundBody = Encoding.ASCII.GetBytes("404 Not Found\n");
    private static readonly byte[] BadCodeBody = Encoding.ASCII.GetBytes("400 Bad Request: a country code is two ASCII letters, as in /flags/br/br.gif\n");
    private static readonly byte[] BadBlobBody = Encoding.ASCII.GetBytes("400 Bad Request: use /blob/{bytes}[?seed=N][&ranges=0][&reset=N], bytes a number up to 1 TiB, with an optional k, M or G (e.g. /blob/10M?seed=7)\n");
    private static readonly byte[] MethodNotAllowedBody = Encoding.ASCII.GetBytes("405 Method Not Allowed: use GET or HEAD\n");

    /// <summary>Entry point, one call per request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        long started = time.GetTimestamp();
        RequestPlan plan = planner.Next();
        long sent = 0;
        try
        {
            sent = await ServeAsync(context, plan).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            context.Abort(); // the client left or the server is stopping: nothing more to say
        }
        finally
        {
            log?.Write(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Response.StatusCode,
                sent,
                time.GetElapsedTime(started),
                plan.Fault is { } fault ? $"fault={fault}" : plan.Delay > TimeSpan.Zero ? $"held={plan.Delay.TotalMilliseconds:0}ms" : null);
        }
    }

    private async ValueTask<long> ServeAsync(HttpContext context, RequestPlan plan)
    {
        HttpRequest request = context.Request;
        // Methods are case-sensitive (RFC 9110 section 9.1): "get" is not GET. HttpMethods.IsGet ignores case.
        bool isHead = string.Equals(request.Method, HttpMethods.Head, StringComparison.Ordinal);
        bool isGet = !isHead && string.Equals(request.Method, HttpMethods.Get, StringComparison.Ordinal);
        CancellationToken aborted = context.RequestAborted;

        // The hold runs from arrival, while the body is looked up (a first request may paint or read it).
        Task? hold = plan.Fault is null && plan.Delay > TimeSpan.Zero ? HoldAsync(plan.Delay, aborted) : null;

        // Decide the normal answer before any fault, so that a body fault can cut that very body.
        int status;
        StaticResource? resource = null;
        byte[]? errorBody = null;
        FlagRouteKind route = FlagRoute.Match(request.Path.Value, out string code);
        if (!isGet && !isHead)
        {
            status = StatusCodes.Status405MethodNotAllowed;
            errorBody = MethodNotAllowedBody;
            context.Response.Headers.Allow = AllowedMethods;
        }
        else if (route == FlagRouteKind.Blob)
        {
            if (BlobRequest.Parse(request.Path.Value.AsSpan(BlobRequest.Prefix.Length), request.Query) is { } blob)
            {
                return await ServeBlobAsync(context, plan, hold, blob, isGet, isHead).ConfigureAwait(false);
            }
            status = StatusCodes.Status400BadRequest;
            errorBody = BadBlobBody;
        }
        else
        {
            resource = route switch
            {
                FlagRouteKind.Flag => await content.GetFlagAsync(code, aborted).ConfigureAwait(false),
                FlagRouteKind.CountryCodes => await content.GetCountryCodesAsync(aborted).ConfigureAwait(false),
                _ => null,
            };
            status = resource is not null ? StatusCodes.Status200OK
                : route is FlagRouteKind.BadCode ? StatusCodes.Status400BadRequest
                : StatusCodes.Status404NotFound;
            errorBody = resource is null ? (route is FlagRouteKind.BadCode ? BadCodeBody : NotFoundBody) : null;
        }

        if (plan.Fault is { } fault)
        {
            return resource is not null
                ? await FailAsync(context, fault, status, resource.ContentType, resource.Body, isHead).ConfigureAwait(false)
                : await FailAsync(context, fault, status, TextPlain, errorBody!, isHead).ConfigureAwait(false);
        }
        if (hold is not null)
        {
            await hold.ConfigureAwait(false);
        }
        return resource is not null
            ? await WriteResourceAsync(context, resource, isGet, isHead, time.GetUtcNow()).ConfigureAwait(false)
            : await WriteSmallAsync(context.Response, status, TextPlain, errorBody!, isHead, aborted).ConfigureAwait(false);
    }

    /// <summary>Waits on a timer, not a thread: thousands of held requests cost only their timers.</summary>
    private async Task HoldAsync(TimeSpan delay, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        await Task.Delay(delay, time, linked.Token).ConfigureAwait(false);
    }

    private static async ValueTask<long> WriteResourceAsync(HttpContext context, StaticResource resource, bool isGet, bool isHead, DateTimeOffset now)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        IHeaderDictionary headers = response.Headers;
        headers.ETag = resource.ETagHeader;
        headers.LastModified = resource.LastModifiedHeader;
        headers.AcceptRanges = AcceptRangesBytes;

        if (Conditionals.IsNotModified(request.Headers, resource.ETag, resource.LastModified, now))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return 0;
        }

        long length = resource.Body.Length;
        StringValues range = request.Headers.Range;
        if (isGet && range.Count == 1 && Conditionals.IfRangeAllows(request.Headers.IfRange, resource.ETag, resource.LastModified))
        {
            switch (ByteRange.Parse(range[0], length, out long start, out long end))
            {
                case RangeOutcome.Partial:
                    response.StatusCode = StatusCodes.Status206PartialContent;
                    headers.ContentRange = $"bytes {start}-{end}/{length}";
                    response.ContentType = resource.ContentType;
                    int count = (int)(end - start + 1);
                    response.ContentLength = count;
                    await response.Body.WriteAsync(resource.Body.AsMemory((int)start, count), context.RequestAborted).ConfigureAwait(false);
                    return count;
                case RangeOutcome.Unsatisfiable:
                    response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    headers.ContentRange = $"bytes */{length}";
                    response.ContentLength = 0;
                    return 0;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        return await WriteSmallAsync(response, StatusCodes.Status200OK, resource.ContentType, resource.Body, isHead, context.RequestAborted).ConfigureAwait(false);
    }

    private static ValueTask<long> WriteSmallAsync(HttpResponse response, int status, StringValues contentType, byte[] body, bool isHead, CancellationToken aborted)
    {
        response.StatusCode = status;
        response.Headers.ContentType = contentType;
        response.ContentLength = body.Length;
        if (isHead)
        {
            return ValueTask.FromResult(0L);
        }
        if (body.Length > UnflushedBodyLimit)
        {
            return WriteLargeAsync(response, body, aborted);
        }
        // Copy into Kestrel's output pipe without flushing: Kestrel sends headers and body together when the
        // request ends, one flush (and usually one system call) per response. Flags are well under the limit.
        response.BodyWriter.Write(body);
        return ValueTask.FromResult((long)body.Length);
    }

    private static async ValueTask<long> WriteLargeAsync(HttpResponse response, byte[] body, CancellationToken aborted)
    {
        await response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
        return body.Length;
    }
}
