namespace Flags.Server;

/// <summary>The faults the server injects, the kinds real servers and networks produce.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 Internal Server Error with a short text body.</summary>
    Http500,

    /// <summary>HTTP 503 Service Unavailable with <c>Retry-After: 1</c> (seconds).</summary>
    Http503,

    /// <summary>HTTP 429 Too Many Requests with <c>Retry-After: 1</c> (seconds).</summary>
    Http429,

    /// <summary>
    /// The full headers (Content-Length of the whole body), half of the body, then a TCP reset. Without a body
    /// to cut (HEAD), the connection is reset before any response.
    /// </summary>
    ResetMidBody,

    /// <summary>
    /// The full headers (Content-Length of the whole body), half of the body, then an orderly close (FIN): the
    /// body is shorter than its Content-Length. Without a body to cut (HEAD), the connection closes before any
    /// response.
    /// </summary>
    ShortBody,

    /// <summary>
    /// The full headers and half of the body, then nothing more until the client gives up or the server stops.
    /// Without a body to cut (HEAD), no response at all.
    /// </summary>
    Stall,
}
