using System.Diagnostics;

namespace Flags.Tests.Support;

/// <summary>
/// Runs the program under a real pseudo-terminal with util-linux <c>script</c>, so stdout and stderr are a terminal
/// as a user's are: what it captures is every byte the terminal received, escape sequences included.
/// </summary>
public static class PseudoTerminal
{
    /// <summary>Runs <c>dotnet flags.dll ARGS</c> under <c>script</c>; fails (never skips) when <c>script</c> is missing.</summary>
    public static async Task<(int ExitCode, string Screen)> RunAsync(params string[] args)
    {
        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        Assert.True(
            script is not null,
            "util-linux 'script' is needed to test the program under a pseudo-terminal: apt-get install -y bsdutils (.ci/run installs it).");
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "flags.dll") }.Concat(args).Select(Quote));
        var info = new ProcessStartInfo(script!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var screen = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await screen);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
