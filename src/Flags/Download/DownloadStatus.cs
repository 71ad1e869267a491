namespace Flags.Download;

/// <summary>How one job ended.</summary>
internal enum DownloadStatus
{
    /// <summary>The body was received in full and saved.</summary>
    Ok,

    /// <summary>The server answered 404: a result, not a failure.</summary>
    NotFound,

    /// <summary>--skip-existing found the file already complete; no request was made.</summary>
    Skipped,

    /// <summary>Every try failed (HTTP status, timeout, reset, short body, DNS, refused, disk).</summary>
    Error,
}
