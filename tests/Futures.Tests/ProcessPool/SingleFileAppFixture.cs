using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// tests/Futures.WorkerApp published as a user ships it: self-contained single-file for this machine's RID, once for
/// every test that needs it (a publish takes tens of seconds). Its pool has no dotnet host to use, so its workers are
/// the published executable itself.
/// </summary>
public sealed class SingleFileAppFixture : IAsyncLifetime, IDisposable
{
    private readonly Contract.TempDirectory _folder = new();

    /// <summary>The published executable.</summary>
    public string App => Path.Combine(_folder.Path, OperatingSystem.IsWindows() ? "Futures.WorkerApp.exe" : "Futures.WorkerApp");

    /// <summary>A folder for the tests' own files (logs).</summary>
    public Contract.TempDirectory Folder => _folder;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "tests", "Futures.WorkerApp", "Futures.WorkerApp.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained",
            "-p:PublishSingleFile=true", "-o", Path.Combine(_folder.Path), "-nologo", "-v", "quiet",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        if (process.ExitCode != 0 || !File.Exists(App))
        {
            throw new InvalidOperationException($"dotnet publish of the single-file test app failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    /// <summary>The clone's root: the folder with Futures.slnx above the test's output.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Futures.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Futures.slnx above '{AppContext.BaseDirectory}': the tests run from a clone's build output.");
    }
}
