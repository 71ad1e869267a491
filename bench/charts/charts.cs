// Draws the tables of docs/benchmarks.md as bar charts, peers side by side, into docs/images/bench-*.svg, and puts a
// line showing each chart right after its table (once: a table already followed by its chart is left alone).
//
//   dotnet run bench/charts/charts.cs -- [docs/benchmarks.md] [docs/images]     (bench/charts/charts.sh does this)
//
// Which tables, which columns and what to call them is the Specs list below: a table is found by the heading above it
// and its place among the tables under that heading, so sections added later do not move the others. Values are the
// cells' first numbers (thousands separators allowed); a spec can take the nth number of a cell or the median of all.
using System.Globalization;
using System.Text.RegularExpressions;
using Flags.Timeline.Drawing;

var markdownPath = args.Length > 0 ? args[0] : "docs/benchmarks.md";
var imageFolder = args.Length > 1 ? args[1] : "docs/images";
if (!File.Exists(markdownPath))
{
    Console.Error.WriteLine($"'{markdownPath}' does not exist. Run from the repository root or pass the path of benchmarks.md.");
    return 2;
}

Directory.CreateDirectory(imageFolder);
var lines = File.ReadAllLines(markdownPath).ToList();
var relative = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(markdownPath))!, Path.GetFullPath(imageFolder)).Replace('\\', '/');
var missing = 0;

// Last table first, so inserting lines does not move the tables still to come.
foreach (var (spec, table) in Specs.All.Select(s => (s, MarkdownTable.Find(lines, s.Heading, s.Occurrence))).OrderByDescending(p => p.Item2?.End ?? -1))
{
    if (table is null)
    {
        Console.Error.WriteLine($"No table {spec.Occurrence + 1} under a heading containing '{spec.Heading}': {spec.File} not drawn.");
        missing++;
        continue;
    }

    File.WriteAllText(Path.Combine(imageFolder, spec.File), spec.Draw(table));
    var reference = $"![{spec.Title}]({relative}/{spec.File})";
    var next = Enumerable.Range(table.End + 1, 2).Where(i => i < lines.Count).Select(i => lines[i]);
    if (!next.Any(l => l.Contains($"({relative}/{spec.File})", StringComparison.Ordinal)))
    {
        lines.InsertRange(table.End + 1, ["", reference]);
    }

    Console.WriteLine($"{Path.Combine(imageFolder, spec.File)}: {table.Rows.Count} rows");
}

File.WriteAllText(markdownPath, string.Join('\n', lines) + "\n");
return missing == 0 ? 0 : 1;

/// <summary>A Markdown table: the heading above it, its header cells, its rows' cells, and its last line's index.</summary>
internal sealed record MarkdownTable(string Heading, string[] Header, List<string[]> Rows, int End)
{
    /// <summary>The <paramref name="occurrence"/>th table (0-based) whose nearest heading contains <paramref name="heading"/>.</summary>
    public static MarkdownTable? Find(List<string> lines, string heading, int occurrence)
    {
        var current = "";
        var seen = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                current = lines[i];
                seen = 0;
                continue;
            }

            if (!lines[i].StartsWith('|'))
            {
                continue;
            }

            var start = i;
            while (i + 1 < lines.Count && lines[i + 1].StartsWith('|'))
            {
                i++;
            }

            if (current.Contains(heading, StringComparison.Ordinal) && seen++ == occurrence)
            {
                var rows = lines.Skip(start + 2).Take(i - start - 1).Select(Cells).ToList();
                return new MarkdownTable(current.TrimStart('#', ' '), Cells(lines[start]), rows, i);
            }
        }

        return null;
    }

    private static string[] Cells(string line) =>
        [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim().Replace("**", "", StringComparison.Ordinal))];
}

/// <summary>How a series takes its value from a cell.</summary>
internal enum Pick
{
    First,
    Nth,
    Median,
}

/// <summary>One bar per row from column <paramref name="Column"/>; <paramref name="NoteColumn"/>'s text (and <paramref name="NoteSuffix"/>) is printed after it.</summary>
internal sealed record Series(int Column, string Name, Pick Pick = Pick.First, int Nth = 0, int? NoteColumn = null, string NoteSuffix = "");

/// <summary>One chart: where its table is, what it shows and how.</summary>
internal sealed partial record Spec(string File, string Heading, int Occurrence, string Title, Series[] Series, string Unit)
{
    /// <summary>The row's name from its cells; the default value is the first cell without backticks.</summary>
    public Func<string[], string> Name { get; init; } = static c => c[0].Replace("`", "", StringComparison.Ordinal);

    /// <summary>For one series: the palette index of a row by its name (ours against peers); null colours by series.</summary>
    public Func<string, int>? Color { get; init; }

    /// <summary>The legend of a one-series chart coloured by <see cref="Color"/>.</summary>
    public (string Zero, string One)? ColorLegend { get; init; }

    /// <summary>Rows in different units: each row scaled to itself.</summary>
    public bool PerRow { get; init; }

    public string Draw(MarkdownTable table)
    {
        var groups = new List<BarGroup>();
        foreach (var row in table.Rows)
        {
            var values = Series.Select(s => s.Column < row.Length ? Value(row[s.Column], s) : null).ToList();
            if (values.All(v => v is null))
            {
                continue; // a section row such as "**Map**"
            }

            var name = Shorten(Name(row), 58);
            groups.Add(new BarGroup(name, values)
            {
                Labels = [.. Series.Select((s, i) => values[i] is { } v ? Label(v, s.Column < row.Length ? row[s.Column] : "") : null)],
                Notes = [.. Series.Select(s => s.NoteColumn is { } n && n < row.Length && row[n].Length > 0 ? row[n] + s.NoteSuffix : null)],
                Color = Color?.Invoke(name),
            });
        }

        return new BarChart
        {
            Title = Title,
            Subtitle = $"From docs/benchmarks.md, \"{Shorten(table.Heading, 100)}\" ({Unit}).",
            Series = [.. Series.Select(s => s.Name)],
            Groups = groups,
            Format = v => $"{AxisTicks.Number(Math.Round(v, 3))} {Unit}",
            ScalePerGroup = PerRow,
            AxisCaption = PerRow ? "each row scaled to its largest value" : null,
            Legend = ColorLegend is var (zero, one) ? [new LegendEntry("s0", zero), new LegendEntry("s1", one)] : null,
        }.Render();
    }

    private double? Value(string cell, Series series)
    {
        var numbers = NumberPattern().Matches(cell).Select(m => double.Parse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
        if (numbers.Count == 0)
        {
            return null;
        }

        return series.Pick switch
        {
            Pick.Nth => series.Nth < numbers.Count ? numbers[series.Nth] : null,
            Pick.Median => numbers.Order().ElementAt(numbers.Count / 2),
            _ => numbers[0],
        };
    }

    // Per-row charts mix units, so their labels take the unit written in the cell.
    private string Label(double value, string cell)
    {
        var unit = PerRow ? UnitPattern().Match(cell) is { Success: true } m ? m.Value : "" : Unit;
        return $"{AxisTicks.Number(value)} {unit}".TrimEnd();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    [GeneratedRegex(@"(?<![\w.])(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<=\d\s?)(µs/task|µs/item|ns/task|µs|ms|ns|s)(?![\w])")]
    private static partial Regex UnitPattern();
}

/// <summary>The charts, one per table of docs/benchmarks.md.</summary>
internal static class Specs
{
    private static readonly Series[] Pools =
        [new(1, "Sequential"), new(2, "ThreadPoolExecutor", NoteColumn: 3), new(4, "ProcessPoolExecutor", NoteColumn: 5)];

    private static readonly Series[] WallAndCpu = [new(2, "wall time (median)"), new(4, "CPU user+sys")];

    private static int OursIfFlags(string name) => name.Contains("flags", StringComparison.Ordinal) ? 1 : 0;

    private static int OursUnlessTpl(string name) => name.StartsWith("TPL", StringComparison.Ordinal) ? 0 : 1;

    // "`$WORK/native/flags ... -o $OUT` (flags (native))" -> "flags (native)": the name in the parentheses after the command.
    private static string AfterCommand(string[] cells)
    {
        var tail = cells[0][(cells[0].LastIndexOf('`') + 1)..].Trim();
        return tail.StartsWith('(') && tail.EndsWith(')') ? tail[1..^1] : tail;
    }

    public static readonly Spec[] All =
    [
        new("bench-futures.svg", "## Futures library", 0, "Futures: cost per task against TPL (busy machine)", [new(1, "mean per task", NoteColumn: 3, NoteSuffix: "x TPL")], "ns")
            { Color = OursUnlessTpl, ColorLegend = ("TPL baseline", "Futures") },
        new("bench-futures-quiet.svg", "The same benchmarks on a quiet machine", 0, "Futures: cost per task against TPL (quiet machine)", [new(1, "mean per task", NoteColumn: 3, NoteSuffix: "x TPL")], "ns")
            { Color = OursUnlessTpl, ColorLegend = ("TPL baseline", "Futures") },
        new("bench-futures-cpython.svg", "CPython, same machine", 0, "ThreadPoolExecutor: CPython 3.11 against Futures", [new(1, "CPython 3.11"), new(2, "Futures (.NET)")], "ns/task"),
        new("bench-server.svg", "## Flag server", 0, "Flag server against nginx: one flag over keep-alive", [new(1, "nginx"), new(2, "flags serve", NoteColumn: 3, NoteSuffix: " of nginx")], "req/s"),
        new("bench-process-pool.svg", "## ProcessPoolExecutor", 0, "ProcessPoolExecutor: .NET against CPython (busy machine)", [new(1, ".NET"), new(2, "CPython 3.11", NoteColumn: 3)], "per row")
            { PerRow = true },
        new("bench-process-pool-quiet.svg", "## ProcessPoolExecutor", 1, "ProcessPoolExecutor: .NET against CPython (quiet machine)", [new(1, ".NET"), new(2, "CPython 3.11", NoteColumn: 3)], "per row")
            { PerRow = true },
        new("bench-cpu-quiet.svg", "## ProcessPoolExecutor", 2, "CPU-bound work on 2 workers (quiet machine)", Pools, "s"),
        new("bench-process-pool-earlier.svg", "## ProcessPoolExecutor", 3, "ProcessPoolExecutor: earlier runs, .NET against CPython",
            [new(1, ".NET, run 21:52", Pick.Nth, 0), new(1, "CPython, run 21:52", Pick.Nth, 1), new(2, ".NET, run 21:16", Pick.Nth, 0), new(2, "CPython, run 21:16", Pick.Nth, 1)], "per row")
            { PerRow = true },
        new("bench-cpu.svg", "## ProcessPoolExecutor", 4, "CPU-bound demo (samples/CpuDemo), busy machine", Pools, "s"),
        new("bench-cpu-again.svg", "## ProcessPoolExecutor", 5, "CPU-bound demo on its own, minutes later", Pools, "s"),
        new("bench-cluster-overhead.svg", "Per-item overhead of a no-op", 0, "Per-item overhead of a no-op: thread, process and cluster executors", [new(3, "µs per item (median of 3)", NoteColumn: 5, NoteSuffix: " the thread pool")], "µs")
        {
            Name = static c => $"{c[0]}, chunk {c[1]}",
            Color = static n => n.StartsWith("Thread", StringComparison.Ordinal) ? 0 : n.StartsWith("Process", StringComparison.Ordinal) ? 1 : 2,
        },
        new("bench-cluster-primes.svg", "Primes demo on 3 local silo processes", 0, "Primes on 3 local silo processes against one process", [new(1, "sequential in-process"), new(2, "ClusterExecutor, 3 silos", NoteColumn: 3)], "s")
            { Name = static c => $"run {c[0]}" },
        new("bench-flags-delay.svg", "DELAY (500 ms per response)", 0, "flags -s DELAY -a: elapsed against the floor", [new(2, "floor ceil(194/C) x 0.5 s"), new(3, "elapsed", NoteColumn: 4, NoteSuffix: "x the floor")], "s")
            { Name = static c => $"{c[0]}, -m {c[1]}" },
        new("bench-flags-delay-native.svg", "DELAY again, on a quiet machine", 0, "flags -s DELAY -a, native binary, quiet machine", [new(2, "floor"), new(3, "elapsed (median of 3 runs)", Pick.Median, NoteColumn: 4, NoteSuffix: "x the floor")], "s")
            { Name = static c => $"{c[0]}, -m {c[1]}" },
        new("bench-flags-local-e.svg", "LOCAL -e (676 codes: 194 found, 482 not found) against flags serve", 0, "flags -e against curl and aria2c (server: flags serve)", WallAndCpu, "s"),
        new("bench-flags-10k.svg", "against flags serve: flags fetch", 0, "10,000 requests against curl and aria2c (server: flags serve)", WallAndCpu, "s"),
        new("bench-flags-local-e-nginx.svg", "LOCAL -e (676 codes: 194 found, 482 not found) against nginx", 0, "flags -e against curl and aria2c (server: nginx)", WallAndCpu, "s"),
        new("bench-flags-10k-nginx.svg", "against nginx: flags fetch", 0, "10,000 requests against curl and aria2c (server: nginx)", WallAndCpu, "s"),
        new("bench-native-one.svg", "Start-up plus one request", 0, "Start-up plus one request: native flags against curl, wget2 and the JIT", [new(1, "median", NoteColumn: 3, NoteSuffix: " peak RSS")], "ms")
            { Name = AfterCommand, Color = OursIfFlags, ColorLegend = ("peers", "flags") },
        new("bench-native-e.svg", "at concurrency 30, hyperfine", 0, "flags -e (676 codes): native against wget2 and the JIT", [new(1, "median")], "ms")
            { Name = AfterCommand, Color = OursIfFlags, ColorLegend = ("peers", "flags") },
        new("bench-fetch-1.svg", "## flags fetch", 0, "flags fetch, 10,000 files, run 1", [new(2, "wall (median of 3)", NoteColumn: 5, NoteSuffix: " MB peak RSS")], "s")
            { Color = OursIfFlags, ColorLegend = ("peers", "flags fetch") },
        new("bench-fetch-1-memory.svg", "## flags fetch", 1, "flags fetch: peak memory against list length, run 1", [new(2, "max RSS")], "MB")
            { Name = static c => $"{c[0]} lines" },
        new("bench-fetch-2.svg", "## flags fetch", 2, "flags fetch, 10,000 files, run 2", [new(2, "wall (median of 3)", NoteColumn: 5, NoteSuffix: " MB peak RSS")], "s")
            { Color = OursIfFlags, ColorLegend = ("peers", "flags fetch") },
        new("bench-fetch-2-memory.svg", "## flags fetch", 3, "flags fetch: peak memory against list length, run 2", [new(2, "max RSS")], "MB")
            { Name = static c => $"{c[0]} lines" },
        new("bench-fetch-3.svg", "## flags fetch", 4, "flags fetch, 10,000 files, run 3 (size-optimised native build)", [new(2, "wall (median of 3)", NoteColumn: 5, NoteSuffix: " MB peak RSS")], "s")
            { Color = OursIfFlags, ColorLegend = ("peers", "flags fetch") },
        new("bench-fetch-3-memory.svg", "## flags fetch", 5, "flags fetch: peak memory against list length, run 3", [new(2, "max RSS")], "MB")
            { Name = static c => $"{c[0]} lines" },
    ];
}
