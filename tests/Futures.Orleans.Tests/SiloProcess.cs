using System.Diagnostics;
using System.Text;

namespace Futures.Orleans.Tests;

/// <summary>
/// One silo process: the ClusterPrimes sample in `silo` mode, started with the same dotnet host as the tests. Its
/// stdin is a pipe from this process, so it exits by itself if the test run dies; Dispose kills it in any case.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, int siloPort, int gatewayPort, int primaryPort)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "ClusterPrimes.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { app, "silo", "--name", name, "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--primary-port", $"{primaryPort}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, siloPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Completes when the silo serves; fails loudly with its output if it exits or takes too long.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout));
        if (first != _ready.Task)
        {
            throw new TimeoutException($"Silo on port {SiloPort} did not start within {timeout.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Output}");
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL on Unix: no shutdown, its connections just drop.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("READY", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : "dotnet";
}
