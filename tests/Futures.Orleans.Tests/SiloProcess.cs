using System.Diagnostics;
using System.Text;

namespace Futures.Orleans.Tests;

/// <summary>
/// One silo process: the ClusterPrimes sample in `silo` mode with membership in Redis, started with the same dotnet host
/// as the tests, on free 127.0.0.1 ports. Its stdin is a pipe from this process (--lifeline stdin), so it exits by itself
/// if the test run dies; Dispose kills it in any case.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, string name, int siloPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
    }

    public string Name { get; }

    public int SiloPort { get; }

    /// <summary>When the process was started, to time its first work item.</summary>
    public DateTime StartedAt { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, string redis, int maxConcurrentWork)
    {
        var ports = ClusterPrimes.LoopbackPorts.Free(2);
        return Start(name, ports[0], "silo", "--name", name, "--silo-port", $"{ports[0]}", "--gateway-port", $"{ports[1]}", "--redis", redis,
            "--max-concurrent-work", $"{maxConcurrentWork}", "--drain-seconds", "30", "--lifeline", "stdin");
    }

    /// <summary>Whether a silo address (as work reports it, S127.0.0.1:PORT:GENERATION) is this process.</summary>
    public bool Is(string siloAddress) => siloAddress.Contains($":{SiloPort}:", StringComparison.Ordinal);

    private static SiloProcess Start(string name, int siloPort, params string[] arguments)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "ClusterPrimes.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, name, siloPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        silo.StartedAt = DateTime.UtcNow;
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
            throw new TimeoutException($"Silo {Name} on port {SiloPort} did not start within {timeout.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Output}");
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

    /// <summary>SIGTERM, as Kubernetes or systemd stop a process: the silo drains and exits.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]);
        kill.WaitForExit(10_000);
    }

    /// <summary>The exit code once the process has exited within <paramref name="timeout"/>; fails with its output otherwise.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Silo {Name} did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        return _process.ExitCode;
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
