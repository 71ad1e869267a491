using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Flags.Server.Content;
using Flags.Server.Content.Files;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Flags.Server.Http;

/// <summary>The injected faults (<see cref="FaultKind"/>).</summary>
internal sealed partial class FlagRequestHandler
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private static readonly StringValues RetryAfterOneSecond = new("1");
    private static readonly StringValues NoStore = new("no-store");
    private static readonly byte[] Http500Body = Encoding.ASCII.GetBytes("500 Internal Server Error (injected fault)\n");
    private static readonly byte[] Http503Body = Encoding.ASCII.GetBytes("503 Service Unavailable (injected fault): retry after 1 s\n");
    private static readonly byte[] Http429Body = Encoding.ASCII.GetBytes("429 Too Many Requests (injected fault): retry after 1 s\n");

    /// <summary>Fails a request whose normal answer would have been <paramref name="status"/> with <paramref name="body"/>.</summary>
    private ValueTask<long> FailAsync(HttpContext context, FaultKind fault, int status, StringValues contentType, byte[] body, bool isHead) =>
        FailAsync(context, fault, status, contentType, new ArrayBody(body), 0, body.Length, isHead);

    /// <summary>
    /// Fails a request whose normal answer would have been <paramref name="status"/> with <paramref name="count"/>
    /// bytes of <paramref name="body"/> from <paramref name="offset"/> (the headers already set stay).
    /// </summary>
    private async ValueTask<long> FailAsync(
        HttpContext context, FaultKind fault, int status, StringValues contentType, BodySource body, long offset, long count, bool isHead)
    {
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        switch (fault)
        {
            case FaultKind.Http500:
                ClearForError(response);
                return await WriteSmallAsync(response, StatusCodes.Status500InternalServerError, TextPlain, Http500Body, isHead, aborted).ConfigureAwait(false);
            case FaultKind.Http503:
                ClearForError(response);
                response.Headers.RetryAfter = RetryAfterOneSecond;
                return await WriteSmallAsync(response, StatusCodes.Status503ServiceUnavailable, TextPlain, Http503Body, isHead, aborted).ConfigureAwait(false);
            case FaultKind.Http429:
                ClearForError(response);
                response.Headers.RetryAfter = RetryAfterOneSecond;
                return await WriteSmallAsync(response, StatusCodes.Status429TooManyRequests, TextPlain, Http429Body, isHead, aborted).ConfigureAwait(false);
            default:
                // Body faults: promise the whole body, deliver half of it, then break the promise in the chosen way.
                return await BreakBodyAsync(context, fault, status, contentType, body, offset, count, count / 2, isHead).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the head promising <paramref name="count"/> bytes, then only <paramref name="cut"/> of them, then
    /// breaks the promise as <paramref name="fault"/> says (reset, orderly close or stall).
    /// </summary>
    private async ValueTask<long> BreakBodyAsync(
        HttpContext context, FaultKind fault, int status, StringValues contentType, BodySource body, long offset, long count, long cut, bool isHead)
    {
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        if (fault == FaultKind.ResetMidBody && !isHead && count > 0 && RawSocketOf(context) is { } socket)
        {
            return await ResetMidBodyAsync(context, socket, status, contentType, body, offset, count, cut).ConfigureAwait(false);
        }

        long sent = 0;
        if (!isHead && count > 0)
        {
            response.StatusCode = status;
            response.Headers.ContentType = contentType;
            response.ContentLength = count;
            sent = await BodyStreaming.WriteAsync(response.Body, body, offset, cut, aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
        }

        switch (fault)
        {
            case FaultKind.ResetMidBody when sent > 0 && !HttpProtocol.IsHttp2(context.Request.Protocol):
                // Over TLS the bytes are still in Kestrel's pipes: aborting now would drop them. Returning short
                // makes Kestrel write them out and close; the zero linger turns that close into a reset.
                SetZeroLinger(context);
                break;
            case FaultKind.ResetMidBody:
                Reset(context);
                break;
            case FaultKind.ShortBody when sent > 0:
                // Returning with fewer bytes than Content-Length makes Kestrel end the response and close the
                // connection in order (FIN; on HTTP/2 the stream is reset, the only way to cut one short).
                break;
            case FaultKind.ShortBody:
                context.Abort(); // nothing to cut: close without an answer
                break;
            case FaultKind.Stall:
                await StallAsync(aborted).ConfigureAwait(false);
                context.Abort();
                break;
        }
        return sent;
    }

    private static void ClearForError(HttpResponse response)
    {
        // A fault replaces the answer: no validators or range of the body it is not sending.
        IHeaderDictionary headers = response.Headers;
        headers.ETag = StringValues.Empty;
        headers.LastModified = StringValues.Empty;
        headers.AcceptRanges = StringValues.Empty;
        headers.ContentRange = StringValues.Empty;
        headers.CacheControl = NoStore;
    }

    /// <summary>Sends nothing more until the client gives up or the server stops.</summary>
    private async Task StallAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The expected end of a stall.
        }
    }

    /// <summary>
    /// Writes the head and the first <paramref name="cut"/> body bytes straight to the socket, waits until the
    /// kernel has sent them, then resets. Going around Kestrel's output pipe guarantees those bytes are out before
    /// the RST (which discards unsent data); the client cannot have sent this request before reading the previous
    /// response in full, so nothing of Kestrel's is pending.
    /// </summary>
    private static async ValueTask<long> ResetMidBodyAsync(
        HttpContext context, Socket socket, int status, StringValues contentType, BodySource body, long offset, long count, long cut)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        foreach (KeyValuePair<string, StringValues> header in context.Response.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(header.Key).Append(": ").Append(header.Value.ToString()).Append("\r\n");
            }
        }
        head.Append("Content-Type: ").Append(contentType.ToString()).Append("\r\nContent-Length: ").Append(count).Append("\r\n\r\n");
        context.Response.StatusCode = status; // for the request log only: the response itself is never started
        long sent = 0;
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None, context.RequestAborted).ConfigureAwait(false);
            sent = await BodyStreaming.SendAsync(socket, body, offset, cut, context.RequestAborted).ConfigureAwait(false);
            await DrainAsync(socket, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The client left first; reset anyway.
        }
        Reset(context);
        return sent;
    }

    /// <summary>
    /// Waits (up to 2 s) until the kernel's send queue is empty, so the reset discards nothing already written.
    /// Linux only (TIOCOUTQ); elsewhere the bytes still in the queue may be lost to the reset.
    /// </summary>
    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return;
        }
        long deadline = Environment.TickCount64 + (long)DrainLimit.TotalMilliseconds;
        int fd = (int)socket.Handle;
        while (LinuxLibC.Ioctl(fd, LinuxLibC.TiocOutQ, out int queued) == 0 && queued > 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The socket when the response can be written to it raw: HTTP/1.1 without TLS.</summary>
    private static Socket? RawSocketOf(HttpContext context) =>
        !context.Request.IsHttps && HttpProtocol.IsHttp11(context.Request.Protocol) ? SocketOf(context) : null;

    private static Socket? SocketOf(HttpContext context) => context.Features.Get<IConnectionSocketFeature>()?.Socket;

    /// <summary>
    /// Closes the connection with a TCP RST, as a crashed peer or a middlebox would. On HTTP/2 only the stream is
    /// reset (RST_STREAM): the connection is shared with other requests.
    /// </summary>
    private static void Reset(HttpContext context)
    {
        if (!HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            SetZeroLinger(context);
        }
        context.Abort();
    }

    /// <summary>A zero linger time makes the connection's close send RST instead of FIN.</summary>
    private static void SetZeroLinger(HttpContext context)
    {
        if (SocketOf(context) is Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(enable: true, seconds: 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by the client: the reset is moot.
            }
        }
    }
}
