namespace Flags.Engine.BigFiles;

/// <summary>How a big-file download began: from zero, appended to a kept .part, or started over.</summary>
internal enum TransferStart
{
    /// <summary>From byte 0, no .part was kept.</summary>
    Fresh,

    /// <summary>The server answered 206: the kept .part was appended to.</summary>
    Resumed,

    /// <summary>A kept .part could not be used (changed file, ranges ignored, no or bad sidecar): from byte 0.</summary>
    Restarted,
}

/// <summary>What the reports say about one saved big file, besides its outcome.</summary>
/// <param name="Start">How it began.</param>
/// <param name="ResumedFrom">Bytes kept from an earlier run when resumed; 0 otherwise.</param>
/// <param name="RestartReason">Why a kept .part was not used, when restarted.</param>
/// <param name="Segments">How many ranges it was fetched as (1 = one stream).</param>
/// <param name="Digest">The digest asked for by --checksum or --digest, as <c>sha256=HEX</c>; null when none was asked.</param>
internal sealed record TransferInfo(TransferStart Start, long ResumedFrom, string? RestartReason, int Segments, string? Digest)
{
    /// <summary>The JSON and -v name of <see cref="Start"/>: fresh, resumed, restarted.</summary>
    public string StartName => Start switch
    {
        TransferStart.Resumed => "resumed",
        TransferStart.Restarted => "restarted",
        _ => "fresh",
    };
}
