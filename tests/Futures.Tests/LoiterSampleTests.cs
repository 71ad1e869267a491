using System.Text.RegularExpressions;
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

    private static int Index(List<string> messages, int n, string what) =>
        messages.FindIndex(m => m.StartsWith($"{new string('\t', n)}loiter({n}): {what}", StringComparison.Ordinal));

    [GeneratedRegex(@"^\[\d{2}:\d{2}:\d{2}\.\d{3}\] ")]
    private static partial Regex Stamp();
}
