using Flags.Engine.Sharding;
using Flags.Tests.Support;

namespace Flags.Tests.Sharding;

/// <summary><c>flags fetch --shard K/N</c> against the embedded server: N shards are the whole list, split once.</summary>
public class ShardTests
{
    [Fact(Timeout = 120000)]
    public async Task Shard_ThreeShards_UnionIsTheUnshardedRunAndDisjoint()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();
        var whole = await fixture.FetchAsync(lines);

        // Act
        var shards = await fixture.FetchShardsAsync(lines, 3);

        // Assert: same exit codes (the malformed line is an error in exactly one shard).
        Assert.Equal(1, whole.Run.ExitCode);
        Assert.Equal(1, shards.Count(s => s.Run.ExitCode == 1));
        Assert.All(shards, s => Assert.Contains(s.Run.ExitCode, new[] { 0, 1 }));
        var wholeFiles = whole.Files();
        Assert.Equal(90, wholeFiles.Count);
        var shardFiles = shards.Select(s => s.Files()).ToList();
        Assert.All(shardFiles, files => Assert.NotEmpty(files));
        for (var a = 0; a < 3; a++)
        {
            for (var b = a + 1; b < 3; b++)
            {
                Assert.Empty(shardFiles[a].Keys.Intersect(shardFiles[b].Keys));
            }
        }

        var union = shardFiles.SelectMany(f => f).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(wholeFiles.Keys.Order(), union.Keys.Order());
        Assert.All(wholeFiles, pair => Assert.Equal(pair.Value, union[pair.Key]));

        // Every line is reported by exactly one shard, and the others count it as another shard's.
        var reported = shards.SelectMany(s => s.ResultUrls()).Order().ToList();
        Assert.Equal(whole.ResultUrls().Order(), reported);
        foreach (var (shard, k) in shards.Select((s, k) => (s, k)))
        {
            var json = shard.Json.GetProperty("shard");
            Assert.Equal(k, json.GetProperty("index").GetInt32());
            Assert.Equal(3, json.GetProperty("count").GetInt32());
            Assert.Equal(lines.Count - shard.ResultUrls().Count, json.GetProperty("otherShards").GetInt32());
            Assert.Equal(shard.ResultUrls().Count, shard.Json.GetProperty("requested").GetInt32());
        }
    }

    [Fact(Timeout = 120000)]
    public async Task Shard_SameShard_SameFilesAcrossRunsAndListOrders()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();
        var reversed = Enumerable.Reverse(lines).ToList();
        var shuffled = lines.ToArray();
        new Random(7).Shuffle(shuffled);

        // Act
        var first = await fixture.FetchAsync(lines, "--shard", "1/4");
        var again = await fixture.FetchAsync(lines, "--shard", "1/4");
        var backwards = await fixture.FetchAsync(reversed, "--shard", "1/4");
        var mixed = await fixture.FetchAsync(shuffled, "--shard", "1/4");

        // Assert: the same list gives the same files, byte for byte.
        Assert.NotEmpty(first.Files());
        Assert.Equal(first.Files().OrderBy(p => p.Key), again.Files().OrderBy(p => p.Key));

        // In another order the same URLs (and the malformed line) are this shard's; a file's name may differ only
        // where list order decides it (a duplicate written first without its name).
        var expected = Keys(first);
        Assert.Equal(expected, Keys(backwards));
        Assert.Equal(expected, Keys(mixed));
        Assert.Equal(first.Files().Count, mixed.Files().Count);
    }

    private static List<string> Keys(ShardRun run) =>
        [.. run.Json.GetProperty("results").EnumerateArray().Select(r => ShardHash.Key(r.GetProperty("url").GetString()!)).Order(StringComparer.Ordinal)];

    [Fact(Timeout = 120000)]
    public async Task Shard_Duplicates_StayInTheShardOfTheirFirstLine()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();

        // Act
        var shards = await fixture.FetchShardsAsync(lines, 5);

        // Assert: each duplicate is reported where the URL it repeats was fetched; none is lost or fetched twice.
        var duplicates = 0;
        foreach (var shard in shards)
        {
            var results = shard.Json.GetProperty("results").EnumerateArray().ToList();
            var fetched = results.Where(r => r.GetProperty("status").GetString() == "ok")
                .Select(r => new Uri(r.GetProperty("url").GetString()!).AbsoluteUri).ToHashSet();
            foreach (var duplicate in results.Where(r => r.GetProperty("status").GetString() == "duplicate"))
            {
                duplicates++;
                Assert.Contains(new Uri(duplicate.GetProperty("url").GetString()!).AbsoluteUri, fetched);
            }

            Assert.Equal(results.Count(r => r.GetProperty("status").GetString() == "duplicate"), shard.Json.GetProperty("duplicates").GetInt32());
        }

        Assert.Equal(6, duplicates);
    }

    [Fact(Timeout = 60000)]
    public async Task Shard_TextSummary_SaysWhichShardRanAndHowManyLinesWereOthers()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var list = Path.Combine(fixture.Root, "list.txt");
        var lines = fixture.Lines();
        await File.WriteAllLinesAsync(list, lines);
        var folder = Path.Combine(fixture.Root, "text");

        // Act
        var run = await FlagsRun.RunAsync(["fetch", "-i", list, "-o", folder, "--shard", "2/3"]);

        // Assert
        var own = lines.Count(l => new ShardSpec(2, 3).Owns(ShardHash.Key(l)));
        Assert.Equal($"Shard 2/3 (index 0-based, of 3): only this shard's lines are fetched.", run.OutputLines[2]);
        Assert.Contains($"Shard 2/3 ran; {lines.Count - own} lines belong to other shards (not fetched).", run.OutputLines);
        Assert.Equal(Directory.GetFiles(folder).Length, lines.Take(90).Count(l => new ShardSpec(2, 3).Owns(ShardHash.Key(l))));
    }

    [Fact(Timeout = 60000)]
    public async Task Shard_FromEnvironment_IsTheSameShardAsTheOption()
    {
        // Arrange
        await using var fixture = await ShardFixture.StartAsync();
        var lines = fixture.Lines();
        var list = Path.Combine(fixture.Root, "env.txt");
        await File.WriteAllLinesAsync(list, lines);
        var byOption = await fixture.FetchAsync(lines, "--shard", "1/3");
        var folder = Path.Combine(fixture.Root, "env");

        // Act
        var run = await ShardFixture.RunWithEnvironmentAsync(
            ["fetch", "-i", list, "-o", folder, "--shard-from-env", "--shard-count", "3"],
            new Dictionary<string, string> { [Flags.Commands.ShardOptions.IndexVariable] = "1" });

        // Assert
        Assert.Contains("Shard 1/3 ran;", run.Output, StringComparison.Ordinal);
        Assert.Equal(byOption.Files().Keys.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ShardHash_IsFnv1a64_AndNormalisesSchemeHostAndDefaultPort()
    {
        // FNV-1a 64 test vectors: the empty string is the offset basis.
        Assert.Equal(0xcbf29ce484222325UL, ShardHash.Fnv1a64(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, ShardHash.Fnv1a64("a"));
        Assert.Equal(0x85944171f73967e8UL, ShardHash.Fnv1a64("foobar"));

        var key = ShardHash.Key("http://example.com/Flags/BR.gif?x=1");
        Assert.Equal(key, ShardHash.Key("HTTP://EXAMPLE.com:80/Flags/BR.gif?x=1#top name.gif"));
        Assert.NotEqual(key, ShardHash.Key("http://example.com/flags/BR.gif?x=1"));
        Assert.Equal(ShardHash.Key("https://example.com/a"), ShardHash.Key("https://Example.COM:443/a"));
        for (var n = 1; n <= 64; n++)
        {
            Assert.Equal(1, Enumerable.Range(0, n).Count(k => new ShardSpec(k, n).Owns(key)));
        }
    }
}
