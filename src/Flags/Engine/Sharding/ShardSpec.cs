using System.Globalization;
using Flags.Reporting;

namespace Flags.Engine.Sharding;

/// <summary>
/// One shard of a list split over <see cref="Count"/> machines: <see cref="Index"/> is 0-based (0 to Count-1), the
/// same numbering as Kubernetes' JOB_COMPLETION_INDEX, so <c>--shard 0/3</c>, <c>1/3</c> and <c>2/3</c> cover a list.
/// </summary>
/// <param name="Index">This shard, 0 to <paramref name="Count"/> - 1.</param>
/// <param name="Count">How many shards the list is split into, at least 1.</param>
internal sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The most shards a list can be split into.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The shard as the options write it: <c>1/3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Whether a line with this normalised URL (or, for a malformed line, this text) is this shard's.</summary>
    public bool Owns(string key) => Count == 1 || (int)(ShardHash.Fnv1a64(key) % (ulong)Count) == Index;

    /// <summary>Reads <c>K/N</c>; null and the one-line reason when it is not a shard.</summary>
    public static ShardSpec? Parse(string text, out string? problem)
    {
        var shown = TerminalText.Safe(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryNumber(text[..slash], out var index) || !TryNumber(text[(slash + 1)..], out var count))
        {
            problem = $"'{shown}' is not a shard for --shard. Write K/N with whole numbers, K 0-based: --shard 0/3, 1/3 and 2/3 split a list over 3 machines.";
            return null;
        }

        problem = Bounds(index, count, $"--shard {shown}");
        return problem is null ? new ShardSpec((int)index, (int)count) : null;
    }

    /// <summary>
    /// The shard of a Kubernetes Indexed Job: <paramref name="value"/> is JOB_COMPLETION_INDEX (0-based) and
    /// <paramref name="count"/> the --shard-count; null and the one-line reason when they do not make a shard.
    /// </summary>
    public static ShardSpec? FromEnvironment(string variable, string? value, int count, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = $"--shard-from-env needs the environment variable {variable} (set by a Kubernetes Indexed Job), and it is not set. Set it to this shard's 0-based index, or use --shard K/N.";
            return null;
        }

        if (!TryNumber(value, out var index))
        {
            problem = $"{variable} is '{TerminalText.Safe(value)}', not a whole number. --shard-from-env needs it to be this shard's 0-based index, 0 to {count - 1}.";
            return null;
        }

        problem = Bounds(index, count, $"{variable}={TerminalText.Safe(value.Trim())} with --shard-count {count}");
        return problem is null ? new ShardSpec((int)index, count) : null;
    }

    private static string? Bounds(long index, long count, string given) =>
        count < 1 ? $"{given}: the number of shards must be at least 1 (K/N with N >= 1)."
        : count > MaxCount ? $"{given}: the number of shards must be at most {MaxCount}."
        : index < 0 || index >= count ? $"{given}: the shard index is 0-based and must be 0 to {count - 1}."
        : null;

    private static bool TryNumber(string text, out long value)
    {
        text = text.Trim();
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > 12 || !digits.All(char.IsAsciiDigit))
        {
            value = 0;
            return false;
        }

        value = long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return true;
    }
}
