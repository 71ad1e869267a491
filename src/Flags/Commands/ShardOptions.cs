using System.CommandLine;
using Flags.Cli;
using Flags.Engine;
using Flags.Engine.Sharding;

namespace Flags.Commands;

/// <summary>
/// <c>flags fetch --shard K/N</c>, or <c>--shard-from-env --shard-count N</c> for a Kubernetes Indexed Job (the index
/// from JOB_COMPLETION_INDEX). Every value is checked before anything starts; a bad one is one usage line, exit 2.
/// </summary>
internal sealed class ShardOptions
{
    /// <summary>The variable a Kubernetes Indexed Job sets in each pod: its 0-based completion index.</summary>
    public const string IndexVariable = "JOB_COMPLETION_INDEX";

    private readonly Option<ShardSpec?> _shard;
    private readonly Option<bool> _fromEnv;
    private readonly Option<int?> _count;

    /// <summary>Declares the options.</summary>
    public ShardOptions()
    {
        _shard = new Option<ShardSpec?>("--shard")
        {
            Description = "Fetch only shard K of N (K 0-based: 0/3, 1/3, 2/3): each line belongs to one shard by a stable hash of its URL, so N machines given the same list fetch disjoint parts whose union is the list.",
            HelpName = "K/N",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                var spec = ShardSpec.Parse(text, out var problem);
                if (problem is not null)
                {
                    result.AddError(problem);
                }

                return spec;
            },
        };
        _fromEnv = new Option<bool>("--shard-from-env")
        {
            Description = $"Take the shard index from {IndexVariable} (0-based, set by a Kubernetes Indexed Job) and the count from --shard-count.",
        };
        _count = OptionValues.Int("--shard-count", null, 1, ShardSpec.MaxCount, "The number of shards, for --shard-from-env (the Job's completions).");
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_shard);
        command.Options.Add(_fromEnv);
        command.Options.Add(_count);
    }

    /// <summary>
    /// The shard <paramref name="parse"/> asks for, or null for the whole list; <paramref name="environment"/> reads a
    /// variable (the process environment outside tests).
    /// </summary>
    /// <exception cref="UsageException">The options conflict, or the variable is missing or not an index.</exception>
    public ShardSpec? Bind(ParseResult parse, Func<string, string?> environment)
    {
        var shard = parse.GetValue(_shard);
        var fromEnv = parse.GetValue(_fromEnv);
        var count = parse.GetValue(_count);
        if (shard is not null && fromEnv)
        {
            throw new UsageException("Give --shard K/N or --shard-from-env, not both.");
        }

        if (!fromEnv)
        {
            return count is null ? shard : throw new UsageException("--shard-count is for --shard-from-env. With --shard, write the count after the slash: --shard 0/3.");
        }

        if (count is not { } total)
        {
            throw new UsageException($"--shard-from-env needs --shard-count N, the number of shards (the Job's completions); the index comes from {IndexVariable}.");
        }

        return ShardSpec.FromEnvironment(IndexVariable, environment(IndexVariable), total, out var problem)
            ?? throw new UsageException(problem!);
    }

    /// <summary><paramref name="source"/> limited to <paramref name="shard"/>, or itself for the whole list.</summary>
    public static IJobSource Apply(IJobSource source, ShardSpec? shard) => shard is null ? source : new ShardJobSource(source, shard);
}
