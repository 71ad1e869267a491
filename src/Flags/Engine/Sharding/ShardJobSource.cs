namespace Flags.Engine.Sharding;

/// <summary>
/// A job source that keeps only its shard's lines of another source (<c>flags fetch --shard K/N</c>). The inner source
/// still reads and names every line in list order, so a file keeps the name it gets in the unsharded run; lines of
/// other shards are counted and dropped before any request, and are not outcomes.
/// </summary>
internal sealed class ShardJobSource(IJobSource inner, ShardSpec shard) : IJobSource
{
    private int _otherShards;
    private int? _total;

    /// <summary>The shard and the lines of other shards seen so far (all of them once the run has read its list).</summary>
    public ShardReport Report => new(shard, Volatile.Read(ref _otherShards));

    /// <inheritdoc />
    public string Command => inner.Command;

    /// <inheritdoc />
    public (string Item, string File) Nouns => inner.Nouns;

    /// <inheritdoc />
    public int? Total => inner.Total is null ? null : _total ??= Filter(inner.Entries(), count: false).Count();

    /// <inheritdoc />
    public string? Unreachable => inner.Unreachable;

    /// <inheritdoc />
    public Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    /// <inheritdoc />
    public RunHeader Header(string strategy, int concurrency, int maxPerHost)
    {
        var header = inner.Header(strategy, concurrency, maxPerHost);
        var line = $"Shard {shard} (index 0-based, of {shard.Count}): only this shard's lines are fetched.";
        return header with { TextLines = [.. header.TextLines, line] };
    }

    /// <inheritdoc />
    public IEnumerable<JobEntry> Entries() => Filter(inner.Entries(), count: true);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private IEnumerable<JobEntry> Filter(IEnumerable<JobEntry> entries, bool count)
    {
        foreach (var entry in entries)
        {
            var key = entry.Job is { } job ? ShardHash.Normalise(job.Uri) : ShardHash.Key(entry.Url);
            if (shard.Owns(key))
            {
                yield return entry;
            }
            else if (count)
            {
                Interlocked.Increment(ref _otherShards);
            }
        }
    }

    /// <summary>The summary's line for a sharded run.</summary>
    public static string SummaryLine(ShardReport report) =>
        $"Shard {report.Spec} ran; {report.OtherShards} {(report.OtherShards == 1 ? "line belongs" : "lines belong")} to other shards (not fetched).";
}
