using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Flags.Server.Http;

/// <summary>The injected faults (<see cref="FaultKind"/>).</summary>
internal sealed partial class FlagRequestHandler
{
    private static readonly StringValues RetryAfterOneSecond = new("1");
    private static readonly StringValues NoStore = new("no-store");
    private static readonly byte[] Http500Body = Encoding.ASCII.GetBytes("500 Internal Server Error (injected fault)\n");
    private static readonly byte[] Http503Body = Encoding.ASCII.GetBytes("503 Service Unavailable (injected fault): retry after 1 s\n");
    private static readonly byte[] Http429Body = Encoding.ASCII.GetBytes("429 Too Many Requests (injected fault): retry after 1 s\n");

    /// <summary>Fails a request whose normal answer would have been <paramref name="status"/> with <paramref name="body"/>.</summary>
    private async ValueTask<long> FailAsync(HttpContext context, FaultKind fault, int status, StringValues contentType, byte[] body, bool isHead)
    {
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        switch (fault)
        {
            case FaultKind.Http500:
                response.Headers.CacheControl = NoStore;
                return await WriteSmallAsync(response, StatusCodes.Status500InternalServerError, TextPlain, Http500Body, isHead, aborted).ConfigureAwait(false);
            case FaultKind.Http503:
                response.Headers.CacheControl = NoStore;
                response.Headers.RetryAfter = RetryAfterOneSecond;
                return await WriteSmallAsync(response, StatusCodes.Status503ServiceUnavailable, TextPlain, Http503Body, isHead, aborted).ConfigureAwait(false);
            case FaultKind.Http429:
                response.Headers.CacheControl = NoStore;
                response.Headers.RetryAfter = RetryAfterOneSecond;
                return await WriteSmallAsync(response, StatusCodes.Status429TooManyRequests, TextPlain, Http429Body, isHead, aborted).ConfigureAwait(false);
        }

        if (fault == FaultKind.ResetMidBody && !isHead && body.Length > 0 && SocketOf(context) is { } socket)
        {
            return await ResetMidBodyAsync(context, socket, status, contentType, body).ConfigureAwait(false);
        }

        // Body faults: promise the whole body, deliver half of it, then break the promise in the chosen way.
        long sent = 0;
        if (!isHead && body.Length > 0)
        {
            response.StatusCode = status;
            response.Headers.ContentType = contentType;
            response.ContentLength = body.Length;
            int half = body.Length / 2;
            await response.Body.WriteAsync(body.AsMemory(0, half), aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            sent = half;
        }

        switch (fault)
        {
            case FaultKind.ResetMidBody:
                Reset(context);
                break;
            case FaultKind.ShortBody when sent > 0:
                // Returning with fewer bytes than Content-Length makes Kestrel end the response and close the
                // connection in order (FIN): the client sees a body shorter than promised.
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
    /// Writes the head and half the body straight to the socket, then resets. Going around Kestrel's output pipe
    /// guarantees the half body is in the kernel before the RST (which discards unsent data); the client cannot
    /// have sent this request before reading the previous response in full, so nothing of Kestrel's is pending.
    /// </summary>
    private static async ValueTask<long> ResetMidBodyAsync(HttpContext context, Socket socket, int status, StringValues contentType, byte[] body)
    {
        int half = body.Length / 2;
        string head = $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n";
        context.Response.StatusCode = status; // for the request log only: the response itself is never started
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, context.RequestAborted).ConfigureAwait(false);
            await socket.SendAsync(body.AsMemory(0, half), SocketFlags.None, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The client left first; reset anyway.
        }
        Reset(context);
        return half;
    }

    private static Socket? SocketOf(HttpContext context) => context.Features.Get<IConnectionSocketFeature>()?.Socket;

    /// <summary>Closes the connection with a TCP RST, as a crashed peer or a middlebox would.</summary>
    private static void Reset(HttpContext context)
    {
        // A zero linger time makes the close send RST instead of FIN.
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
        context.Abort();
    }
}
