namespace Flags.Engine.BigFiles;

/// <summary>
/// The big-file options of <c>flags fetch</c> (issue 17): resume, checksum, digest, rate limits and split. The
/// default value, <see cref="None"/>, keeps the small-file path exactly as it was.
/// </summary>
internal sealed record TransferSettings
{
    /// <summary>Nothing asked: the plain small-file path.</summary>
    public static TransferSettings None { get; } = new();

    /// <summary>-c: keep a failed download's .part with its sidecar, and resume one on the next run.</summary>
    public bool Continue { get; init; }

    /// <summary>--checksum, for a single URL argument; list lines carry their own.</summary>
    public ExpectedDigest? Checksum { get; init; }

    /// <summary>--digest: report this digest of every saved file in JSON.</summary>
    public DigestAlgorithm? Digest { get; init; }

    /// <summary>--limit-rate: bytes per second over all downloads together; null means no limit.</summary>
    public long? RateLimit { get; init; }

    /// <summary>--limit-rate-per-file: bytes per second for each file; null means no limit.</summary>
    public long? RateLimitPerFile { get; init; }

    /// <summary>-x: connections per file with a known length and range support. The default value is 1.</summary>
    public int Split { get; init; } = 1;

    /// <summary>True when no option of this record was given.</summary>
    public bool IsPlain => this == None;
}
