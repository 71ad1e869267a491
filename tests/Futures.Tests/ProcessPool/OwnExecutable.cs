using System.Diagnostics;
using Futures.ProcessPool;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// The own-executable launch mode under the JIT: pools whose workers are tests/Futures.WorkerApp's apphost (its Main
/// calls the hook), copied to workerapp/ beside the tests by the build; and a way to run that app as a user does.
/// </summary>
public static class OwnExecutable
{
    /// <summary>The apphost of the test app, built framework-dependent.</summary>
    public static string AppHost { get; } = Path.Combine(AppContext.BaseDirectory, "workerapp", OperatingSystem.IsWindows() ? "Futures.WorkerApp.exe" : "Futures.WorkerApp");

    /// <summary>A pool whose workers are <see cref="AppHost"/> started in worker mode.</summary>
    internal static ProcessPoolExecutor Pool(int maxWorkers, int? maxTasksPerChild = null, Action? initializer = null) =>
        new(maxWorkers, maxTasksPerChild, initializer, new OwnExecutableLauncher(AppHost));

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> and <paramref name="environment"/> to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string executable, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
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
