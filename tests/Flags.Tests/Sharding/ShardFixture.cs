using System.Text.Json;
using Flags.Commands;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.Sharding;

/// <summary>A fetch list on a real embedded server, and runs of it whole or by shard, each into its own folder.</summary>
internal sealed class ShardFixture : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private int _runs;

    private ShardFixture(FlagServer server) => Server = server;

    public FlagServer Server { get; }

    public string Root => _temp.Path;

    /// <summary>
    /// 90 distinct flag URLs under unique names, 6 repeats of earlier lines spelt with an upper-case scheme (the same
    /// normalised URL, so a duplicate), 2 that are not found, 1 malformed line.
    /// </summary>
    public List<string> Lines()
    {
        var base_ = Server.Url().TrimEnd('/');
        var lines = Enumerable.Range(0, 90)
            .Select(i => $"{base_}/{Code(i)}/{Code(i)}.gif?i={i} f{i:00}.gif")
            .ToList();
        lines.AddRange(Enumerable.Range(0, 6).Select(i => $"HTTP{base_[4..]}/{Code(i * 7)}/{Code(i * 7)}.gif?i={i * 7}"));
        lines.Add($"{base_}/zz/zz.gif missing1.gif");
        lines.Add($"{base_}/zz/zz.gif?x=2 missing2.gif");
        lines.Add("not-a-url at all");
        return lines;
    }

    public static async Task<ShardFixture> StartAsync() => new(await Servers.LocalAsync());

    /// <summary>Runs fetch over <paramref name="lines"/> with <paramref name="extra"/> options and --json, into a new folder.</summary>
    public async Task<ShardRun> FetchAsync(IEnumerable<string> lines, params string[] extra)
    {
        var n = Interlocked.Increment(ref _runs);
        var list = Path.Combine(Root, $"list{n}.txt");
        await File.WriteAllLinesAsync(list, lines);
        var folder = Path.Combine(Root, $"out{n}");
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", folder, "-m", "8", "--json", .. extra]);
        var report = Path.Combine(Root, $"report{n}.json");
        await File.WriteAllTextAsync(report, run.Output);
        return new ShardRun(run, folder, report);
    }

    /// <summary>Runs shards 0 to <paramref name="count"/> - 1 of <paramref name="lines"/>, one after another.</summary>
    public async Task<List<ShardRun>> FetchShardsAsync(IReadOnlyList<string> lines, int count)
    {
        var shards = new List<ShardRun>();
        for (var k = 0; k < count; k++)
        {
            shards.Add(await FetchAsync(lines, "--shard", $"{k}/{count}"));
        }

        return shards;
    }

    /// <summary>Runs the program with <paramref name="variables"/> as its environment.</summary>
    public static async Task<FlagsRun> RunWithEnvironmentAsync(string[] args, IReadOnlyDictionary<string, string> variables)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(TextReader.Null, false, () => 80) { Variables = name => variables.GetValueOrDefault(name) };
        var exit = await FlagsApp.RunAsync(args, context, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        return new FlagsRun(exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _temp.Dispose();
    }

    private static string Code(int i) => CountryCodes.All[i % CountryCodes.All.Count].ToLowerInvariant();
}

/// <summary>One run: the process outcome, its folder and its saved JSON report.</summary>
internal sealed record ShardRun(FlagsRun Run, string Folder, string ReportPath)
{
    public JsonElement Json => JsonDocument.Parse(Run.Output).RootElement;

    /// <summary>The files saved, by name, with their bytes.</summary>
    public Dictionary<string, byte[]> Files() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes)
            : [];

    /// <summary>The lines (as written) of the results.</summary>
    public List<string> ResultUrls() => [.. Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString()!)];
}
