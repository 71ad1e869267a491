using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Futures.Tests.ProcessPool;

/// <summary>The CpuDemo sample, run as its own process with the small workload.</summary>
public partial class CpuDemoTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 90000)]
    public async Task CpuDemo_Small_PrintsOneRowPerWorkloadWithTimesAndSpeedUps()
    {
        // Act
        var (exitCode, output, _) = await RunAsync("--small", "--workers", "2");

        // Assert
        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("CPU-bound demo (small workload): 2 workers per pool", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Pool start-up and warm-up, not in the times above: ThreadPool ", lines[5], StringComparison.Ordinal);
        Assert.Matches(@"^Workload\s+Sequential\s+ThreadPool\s+speed-up\s+ProcessPool\s+speed-up$", lines[1]);
        Assert.Matches(@"^-+$", lines[2]);
        Assert.Matches(Row("primes \\(20 numbers\\)"), lines[3]);
        Assert.Matches(Row("sha256 \\(12 x 64 KiB\\)"), lines[4]);
        Assert.Equal(6, lines.Length);
    }

    [Fact(Timeout = 90000)]
    public async Task CpuDemo_UnknownOption_ExitsWithUsageError()
    {
        // Act
        var (exitCode, _, error) = await RunAsync("--fast");

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Contains("'--fast' is not an option", error, StringComparison.Ordinal);
    }

    private static Regex Row(string name) => new($@"^{name}\s+\d+\.\d{{3}} s\s+\d+\.\d{{3}} s\s+\d+\.\d\dx\s+\d+\.\d{{3}} s\s+\d+\.\d\dx$");

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CpuDemo.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Patience);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
