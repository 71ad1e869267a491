using System.Globalization;
using Flags.Engine;

namespace Flags.Reporting;

/// <summary>
/// The text summary of every command (the reference's 2e format): an interruption line, the first error lines, dashes,
/// right-aligned counts (zero lines left out but the first) and the elapsed time.
/// </summary>
internal static class SummaryPrinter
{
    /// <summary>Writes <paramref name="summary"/>, repeating <paramref name="errorLines"/> (the first of them) before the dashes.</summary>
    public static void Write(TextWriter output, RunSummary summary, IReadOnlyList<string> errorLines)
    {
        var counts = summary.Counts;
        var items = Plural(summary.Nouns.Item, 2);
        if (summary.Interrupted)
        {
            output.WriteLine(summary.Total is { } total
                ? $"Interrupted: {counts.Finished} of {total} {items} finished."
                : $"Interrupted: {counts.Finished} {Plural(summary.Nouns.Item, counts.Finished)} finished.");
        }

        foreach (var line in errorLines)
        {
            output.WriteLine(line);
        }

        if (counts.Errors > errorLines.Count && errorLines.Count > 0)
        {
            output.WriteLine($"... and {counts.Errors - errorLines.Count} more errors (-v or --json lists them all).");
        }

        output.WriteLine(new string('-', 20));
        output.WriteLine($"{counts.Downloaded,3} {Plural(summary.Nouns.File, counts.Downloaded)} downloaded.");
        WriteIfAny(output, counts.NotFound, "not found.");
        WriteIfAny(output, counts.Skipped, "skipped (already downloaded).");
        WriteIfAny(output, counts.Duplicates, counts.Duplicates == 1 ? "duplicate line (fetched once)." : "duplicate lines (fetched once).");
        WriteIfAny(output, counts.Renamed, "renamed (unsafe or taken name).");
        WriteIfAny(output, counts.Errors, counts.Errors == 1 ? "error." : "errors.");
        if (summary.Shard is { } shard)
        {
            output.WriteLine(Engine.Sharding.ShardJobSource.SummaryLine(shard));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Elapsed time: {summary.Elapsed.TotalSeconds:0.00}s"));
    }

    private static string Plural(string noun, int count) => count == 1 ? noun : noun + "s";

    private static void WriteIfAny(TextWriter output, int count, string what)
    {
        if (count > 0)
        {
            output.WriteLine($"{count,3} {what}");
        }
    }
}
