namespace Flags.Engine.Sharding;

/// <summary>What a sharded run says in its summary and JSON: which shard ran and how many lines were other shards'.</summary>
/// <param name="Spec">The shard.</param>
/// <param name="OtherShards">List lines that belonged to other shards (never requested, not errors).</param>
internal sealed record ShardReport(ShardSpec Spec, int OtherShards);
