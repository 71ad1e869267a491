using System.Net;

namespace Flags.Engine;

/// <summary>What one try ended with, when it did not throw.</summary>
internal enum AttemptKind
{
    /// <summary>The body was saved.</summary>
    Saved,

    /// <summary>404 Not Found or 410 Gone: a result, never retried.</summary>
    NotFound,

    /// <summary>Any other non-success status: worth another try.</summary>
    HttpError,
}

/// <summary>The result of one try: saved (with its size), not found (404 or 410), or an HTTP error status (with Retry-After).</summary>
internal sealed record AttemptOutcome(AttemptKind Kind, long Bytes, HttpStatusCode Status, string? Reason, TimeSpan? RetryAfter)
{
    /// <summary>For a body saved with a big-file option: how it began and its digest; null otherwise.</summary>
    public BigFiles.TransferInfo? Transfer { get; init; }

    /// <summary>The outcome of a 404 or 410 answer.</summary>
    public static AttemptOutcome NotFound { get; } = new(AttemptKind.NotFound, 0, HttpStatusCode.NotFound, null, null);

    /// <summary>A saved body of <paramref name="bytes"/> bytes.</summary>
    public static AttemptOutcome Saved(long bytes) => new(AttemptKind.Saved, bytes, HttpStatusCode.OK, null, null);

    /// <summary>An error status, with how long the server asked us to wait, if it did.</summary>
    public static AttemptOutcome Failed(HttpStatusCode status, string? reason, TimeSpan? retryAfter) =>
        new(AttemptKind.HttpError, 0, status, reason, retryAfter);
}
