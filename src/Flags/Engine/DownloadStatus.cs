namespace Flags.Engine;

/// <summary>How one item of a run ended.</summary>
internal enum DownloadStatus
{
    /// <summary>The body was received in full and saved.</summary>
    Ok,

    /// <summary>The server answered 404 Not Found or 410 Gone: a result, not a failure.</summary>
    NotFound,

    /// <summary>--skip-existing found the file already complete; no request was made.</summary>
    Skipped,

    /// <summary>Every try failed (HTTP status, timeout, reset, body length, DNS, refused, disk), or the line was malformed.</summary>
    Error,

    /// <summary>The list named this URL on an earlier line: it is fetched once, there. Not a failure.</summary>
    Duplicate,
}
