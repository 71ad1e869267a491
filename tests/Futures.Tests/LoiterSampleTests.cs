using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Loiter;

namespace Futures.Tests;

/// <summary>Runs the real Loiter sample (Map over 0..4 with three workers) with short units and checks its timeline.</summary>
public partial class LoiterSampleTests
{
    [Fact(Timeout = 60_000)]
    public async Task Run_ShortUnit_ResultsInOrderWhileWorkOverlaps()
    {
        // Arrange
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act: 0.2 s units keep the run near one second and leave margin on a busy machine.
        var exitCode = await Task.Run(() => LoiterProgram.Run(["--unit", "0.2"], output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        // Assert: every line is stamped, and the script's own lines come in the demo's order.
        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        Assert.All(lines, line => Assert.Matches(Stamp(), line));
        var messages = lines.Select(line => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal("Script starting.", messages[0]);
        var resultsLine = messages.FindIndex(m => m.StartsWith("results: ", StringComparison.Ordinal));
        var waitingLine = messages.IndexOf("Waiting for individual results:");
        Assert.InRange(resultsLine, 1, waitingLine - 1);

        // Results come in source order, with the values loiter returned.
        var results = messages.Where(m => m.StartsWith("result ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["result 0: 0", "result 1: 10", "result 2: 20", "result 3: 30", "result 4: 40"], results);

        // Each loiter(n) starts and finishes once, indented with n tabs.
        for (var n = 0; n < 5; n++)
        {
            var indent = new string('\t', n);
            Assert.Single(messages, m => m.StartsWith($"{indent}loiter({n}): doing nothing for ", StringComparison.Ordinal));
            Assert.Single(messages, m => m == $"{indent}loiter({n}): done.");
        }

        // The work overlapped: loiter(3) started before loiter(1) finished (three workers), and loiter(4) only after
        // one of loiter(1..3) finished (never more than three at once).
        Assert.True(Index(messages, 3, "doing nothing") < Index(messages, 1, "done."), "loiter(3) waited for loiter(1).");
        var firstFreed = new[] { 1, 2, 3 }.Min(n => Index(messages, n, "done."));
        Assert.True(Index(messages, 4, "doing nothing") > firstFreed, "More than three loiters ran at once.");
        Assert.True(messages.IndexOf("result 1: 10") > Index(messages, 1, "done."), "A result came before its work finished.");
    }

    [Fact]
    public void Run_BadUnit_ExitsWithUsageError()
    {
        // Arrange
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var exitCode = LoiterProgram.Run(["--unit", "soon"], output, error);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("--unit SECONDS", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Run_Svg_ThreeLanesAndFiveBarsWhoseOverlapsMatchThePrintedTimestamps()
    {
        // Arrange
        var folder = Path.Combine(Path.GetTempPath(), "loiter-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "loiter.svg");
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            // Act
            var exitCode = await Task.Run(() => LoiterProgram.Run(["--unit", "0.2", "--svg", path], output, error));
            var svg = XDocument.Parse(await File.ReadAllTextAsync(path));

            // Assert: the printed stamps, as seconds from "Script starting.".
            Assert.Equal(0, exitCode);
            Assert.Equal("", error.ToString());
            var printed = Printed(output.ToString());
            var bars = svg.Descendants(Svg + "g").Where(g => HasClass(g, "bar"))
                .Select(g => (Task: (int)Number(g, "data-task"), Lane: (int)Number(g, "data-lane"), T0: Number(g, "data-t0"), T1: Number(g, "data-t1")))
                .OrderBy(b => b.Task).ToList();
            Assert.Equal(3, (int)Number(svg.Descendants(Svg + "g").Single(g => HasClass(g, "lanes")), "data-count"));
            Assert.Equal([0, 1, 2, 3, 4], bars.Select(b => b.Task));
            Assert.Equal([0, 1, 2], bars.Select(b => b.Lane).Distinct().Order());

            // Each bar spans its call's printed start and end (the stamps print whole milliseconds).
            var spans = Enumerable.Range(0, 5).Select(n => (Start: printed[Line(n, "doing nothing")], End: printed[Line(n, "done.")])).ToList();
            foreach (var bar in bars)
            {
                Assert.Equal(spans[bar.Task].Start, bar.T0, 0.0015);
                Assert.Equal(spans[bar.Task].End, bar.T1, 0.0015);
            }

            // Two bars overlap in the picture exactly when the printed calls overlap (pairs closer than the print's
            // precision are left out), and never within one lane.
            var overlapping = 0;
            foreach (var a in bars)
            {
                foreach (var b in bars.Where(b => b.Task > a.Task))
                {
                    var (sa, sb) = (spans[a.Task], spans[b.Task]);
                    if (Math.Abs(sa.Start - sb.End) < 0.002 || Math.Abs(sb.Start - sa.End) < 0.002)
                    {
                        continue;
                    }

                    var inPicture = a.T0 < b.T1 && b.T0 < a.T1;
                    Assert.Equal(sa.Start < sb.End && sb.Start < sa.End, inPicture);
                    Assert.False(inPicture && a.Lane == b.Lane, $"loiter({a.Task}) and loiter({b.Task}) overlap in one lane.");
                    overlapping += inPicture ? 1 : 0;
                }
            }

            Assert.True(overlapping >= 3, "loiter(1), (2) and (3) ran at once, so at least three pairs overlap.");

            // The results are marked on the time axis, in order, when Map handed them back.
            var markers = svg.Descendants(Svg + "g").Where(g => HasClass(g, "axis-marker"))
                .Select(g => (Label: g.Elements(Svg + "text").Single().Value, Time: Number(g, "data-t"))).ToList();
            Assert.Equal(["result 0", "result 1", "result 2", "result 3", "result 4"], markers.Select(m => m.Label));
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(printed[$"result {i}: {i * 10}"], markers[i].Time, 0.0015);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static bool HasClass(XElement element, string cssClass) =>
        element.Attribute("class")?.Value.Split(' ').Contains(cssClass) == true;

    private static double Number(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static string Line(int n, string what) => $"{new string('\t', n)}loiter({n}): {what}";

    // Message (a loiter line up to its first word after the colon, or the whole line) -> seconds after the first stamp.
    private static Dictionary<string, double> Printed(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var origin = TimeSpan.ParseExact(lines[0][1..13], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        var printed = new Dictionary<string, double>();
        foreach (var line in lines)
        {
            var stamp = TimeSpan.ParseExact(line[1..13], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture) - origin;
            var seconds = (stamp < TimeSpan.Zero ? stamp + TimeSpan.FromDays(1) : stamp).TotalSeconds;
            var message = line[15..];
            var key = message.Contains("doing nothing", StringComparison.Ordinal) ? message[..(message.IndexOf("doing nothing", StringComparison.Ordinal) + 13)] : message;
            printed[key] = seconds;
        }

        return printed;
    }

    private static int Index(List<string> messages, int n, string what) =>
        messages.FindIndex(m => m.StartsWith($"{new string('\t', n)}loiter({n}): {what}", StringComparison.Ordinal));

    [GeneratedRegex(@"^\[\d{2}:\d{2}:\d{2}\.\d{3}\] ")]
    private static partial Regex Stamp();
}
