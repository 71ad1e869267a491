namespace Flags.Engine;

/// <summary>Everything the final report needs, for both commands.</summary>
/// <param name="Command">The command (<c>flags</c>, <c>fetch</c>).</param>
/// <param name="Header">The run's header, or null when the run was interrupted before it had one.</param>
/// <param name="Counts">The counts.</param>
/// <param name="Total">The number of items asked for, when known.</param>
/// <param name="Nouns">The item and file nouns (singular).</param>
/// <param name="Elapsed">Time from the first request to the last outcome.</param>
/// <param name="Interrupted">Ctrl+C or SIGTERM stopped the run before every item finished.</param>
/// <param name="ExitCode">The process exit code.</param>
internal sealed record RunSummary(
    string Command,
    RunHeader? Header,
    RunCounts Counts,
    int? Total,
    (string Item, string File) Nouns,
    TimeSpan Elapsed,
    bool Interrupted,
    int ExitCode)
{
    /// <summary>With <c>--shard</c>: which shard ran and how many lines were other shards'; null for a whole list.</summary>
    public Sharding.ShardReport? Shard { get; init; }
}
