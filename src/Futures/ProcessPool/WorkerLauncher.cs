using System.Diagnostics;
using System.Runtime.InteropServices;
using Futures.Worker;

namespace Futures.ProcessPool;

/// <summary>
/// Starts worker processes: <c>dotnet exec --runtimeconfig app.runtimeconfig.json --depsfile app.deps.json
/// Futures.Worker.dll --parent-pid N</c>. The worker runs on the application's own runtime configuration and deps file,
/// so it binds the application's assemblies exactly as the application does, under <c>dotnet test</c> (the test
/// project's files), <c>dotnet run</c> and a published framework-dependent app alike. Futures.Worker.dll sits beside
/// the application because Futures.csproj carries it into every consumer's output.
/// </summary>
/// <param name="directory">Where Futures.Worker.dll is looked for: the application's folder unless a test says otherwise.</param>
internal sealed class WorkerLauncher(string directory) : IWorkerLauncher
{
    /// <summary>The worker host's file name, looked for in the application's folder.</summary>
    internal const string WorkerFileName = "Futures.Worker.dll";

    /// <summary>
    /// The launcher of the application's pools: it picks the launch mode by itself (see <see cref="ApplicationLauncher"/>).
    /// </summary>
    public static IWorkerLauncher ForApplication { get; } = new ApplicationLauncher();

    private readonly Lazy<(string Host, string[] Arguments)> _command = new(() => FindCommand(directory));

    /// <inheritdoc />
    public Process Start()
    {
        var (host, arguments) = _command.Value;
        return StartProcess(
            host,
            arguments,
            "Install the .NET runtime or set DOTNET_HOST_PATH to the dotnet executable.");
    }

    /// <summary>
    /// Starts <paramref name="file"/> as a worker: stdin and stdout redirected, stderr the parent's, the parent's pid
    /// after <paramref name="arguments"/>, and the worker marked in its environment (the fork-bomb guard).
    /// </summary>
    /// <param name="file">The executable.</param>
    /// <param name="arguments">Its arguments before <c>--parent-pid N</c>.</param>
    /// <param name="hint">What to do when the file cannot be started, for the message.</param>
    internal static Process StartProcess(string file, IEnumerable<string> arguments, string hint)
    {
        var parentPid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add(parentPid);
        start.Environment[WorkerMode.EnvironmentVariable] = parentPid;
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{file}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start a worker process with '{file}' ({ex.Message}). {hint}", ex);
        }
    }

    private static (string Host, string[] Arguments) FindCommand(string directory)
    {
        var worker = Path.Combine(directory, WorkerFileName);
        if (!File.Exists(worker))
        {
            throw new InvalidOperationException(
                $"ProcessPoolExecutor needs {WorkerFileName} in '{directory}', and it is not there. Reference the Futures project or package from the application so that the build copies it.");
        }

        var arguments = new List<string> { "exec" };
        var (runtimeConfig, deps) = ApplicationFiles();
        runtimeConfig ??= Path.Combine(directory, "Futures.Worker.runtimeconfig.json");
        arguments.Add("--runtimeconfig");
        arguments.Add(runtimeConfig);
        if (deps is not null)
        {
            arguments.Add("--depsfile");
            arguments.Add(deps);
        }

        arguments.Add(worker);
        return (DotnetHost(), [.. arguments]);
    }

    /// <summary>The application's runtimeconfig.json and deps.json, found from the deps file the host loaded.</summary>
    private static (string? RuntimeConfig, string? Deps) ApplicationFiles()
    {
        var depsFiles = AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string;
        var deps = depsFiles?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (deps is null || !deps.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase) || !File.Exists(deps))
        {
            return (null, null);
        }

        var runtimeConfig = string.Concat(deps.AsSpan(0, deps.Length - ".deps.json".Length), ".runtimeconfig.json");
        return File.Exists(runtimeConfig) ? (runtimeConfig, deps) : (null, deps);
    }

    /// <summary>The dotnet host: this process if it is dotnet, else the one that owns this runtime, else DOTNET_HOST_PATH or PATH.</summary>
    private static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self).Equals(exe, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // The shared runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
            var candidate = Path.Combine(root, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath : exe;
    }
}
