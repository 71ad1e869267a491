using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Flags.Reporting;

/// <summary>
/// <c>flags report merge</c>'s work: reads the --json reports of <c>flags fetch --shard K/N</c>, checks they are shards
/// of one split (the same count, each index once), and writes one document with every result and the summed counts.
/// Read with <see cref="JsonDocument"/> and written with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).
/// </summary>
internal static class ReportMerge
{
    private static readonly string[] Summed = ["requested", "downloaded", "notFound", "skipped", "duplicates", "renamed", "errors", "bytes"];

    /// <summary>Merges <paramref name="paths"/> onto <paramref name="output"/>; problems and warnings go to <paramref name="error"/>.</summary>
    /// <returns>0 when merged; 2 when a file cannot be read or the files are not shards of one split (nothing is written).</returns>
    public static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        var reports = new List<(string Path, JsonDocument Document, int Index, int Count)>();
        var problems = new List<string>();
        try
        {
            foreach (var path in paths)
            {
                if (Read(path, out var problem) is { } read)
                {
                    reports.Add((path, read.Document, read.Index, read.Count));
                }
                else
                {
                    problems.Add(problem!);
                }
            }

            if (problems.Count == 0)
            {
                problems.AddRange(Consistency(reports));
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    error.WriteLine(TerminalText.Line(problem));
                }

                return ExitCodes.Usage;
            }

            var count = reports[0].Count;
            var missing = Enumerable.Range(0, count).Except(reports.Select(r => r.Index)).ToList();
            if (missing.Count > 0)
            {
                error.WriteLine($"Warning: shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of {count} missing: the merged report covers only part of the list.");
            }

            output.WriteLine(Write(reports.OrderBy(r => r.Index).Select(r => (r.Document.RootElement, r.Index)).ToList(), count, missing));
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var report in reports)
            {
                report.Document.Dispose();
            }
        }
    }

    private static (JsonDocument Document, int Index, int Count)? Read(string path, out string? problem)
    {
        var shown = TerminalText.Safe(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"Cannot read the report '{shown}': {TerminalText.Safe(ex.Message.TrimEnd('.'))}. Give the files that flags fetch --shard K/N --json wrote.";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            problem = $"'{shown}' is not a JSON report (line {(ex.LineNumber ?? 0) + 1}: not valid JSON). Give the files that flags fetch --shard K/N --json wrote.";
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("shard", out var shard) || shard.ValueKind != JsonValueKind.Object
            || !shard.TryGetProperty("index", out var index) || !index.TryGetInt32(out var i)
            || !shard.TryGetProperty("count", out var count) || !count.TryGetInt32(out var n)
            || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array
            || Summed.Any(name => !root.TryGetProperty(name, out var value) || !value.TryGetInt64(out _)))
        {
            document.Dispose();
            problem = $"'{shown}' is not a shard report of flags fetch (it needs \"shard\", \"results\" and the counts). Make each with flags fetch --shard K/N --json.";
            return null;
        }

        problem = null;
        return (document, i, n);
    }

    private static IEnumerable<string> Consistency(List<(string Path, JsonDocument Document, int Index, int Count)> reports)
    {
        var counts = reports.Select(r => r.Count).Distinct().ToList();
        if (counts.Count > 1)
        {
            var list = string.Join(", ", reports.Select(r => $"'{TerminalText.Safe(r.Path)}' is {r.Index}/{r.Count}"));
            yield return $"The reports are not shards of one split: {list}. Merge reports made with the same N in --shard K/N.";
            yield break;
        }

        foreach (var group in reports.GroupBy(r => r.Index).Where(g => g.Count() > 1))
        {
            yield return $"Shard {group.Key}/{counts[0]} is given twice: {string.Join(" and ", group.Select(r => $"'{TerminalText.Safe(r.Path)}'"))}. Give each shard's report once.";
        }
    }

    private static string Write(List<(JsonElement Root, int Index)> reports, int count, List<int> missing)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("command", "fetch");
            var sources = reports.Select(r => r.Root.TryGetProperty("source", out var s) ? s.GetString() : null).Distinct().ToList();
            if (sources is [{ } source])
            {
                json.WriteString("source", source);
            }

            json.WriteStartObject("shards");
            json.WriteNumber("count", count);
            WriteNumbers(json, "merged", reports.Select(r => r.Index));
            WriteNumbers(json, "missing", missing);
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var (root, _) in reports)
            {
                foreach (var result in root.GetProperty("results").EnumerateArray())
                {
                    result.WriteTo(json);
                }
            }

            json.WriteEndArray();
            foreach (var name in Summed)
            {
                json.WriteNumber(name, reports.Sum(r => r.Root.GetProperty(name).GetInt64()));
            }

            var interrupted = reports.Any(r => r.Root.TryGetProperty("interrupted", out var i) && i.ValueKind == JsonValueKind.True);
            json.WriteBoolean("interrupted", interrupted);
            json.WriteNumber("elapsedSeconds", reports.Max(r => r.Root.TryGetProperty("elapsedSeconds", out var e) && e.TryGetDouble(out var d) ? d : 0));
            var codes = reports.Select(r => r.Root.TryGetProperty("exitCode", out var c) && c.TryGetInt32(out var code) ? code : ExitCodes.Ok).ToList();
            json.WriteNumber("exitCode", interrupted ? ExitCodes.Interrupted : codes.Max());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<int> numbers)
    {
        json.WriteStartArray(name);
        foreach (var number in numbers)
        {
            json.WriteNumberValue(number);
        }

        json.WriteEndArray();
    }
}
