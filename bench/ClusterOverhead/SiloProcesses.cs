using System.Diagnostics;

/// <summary>
/// Silo processes for the process rows: the ClusterPrimes sample in silo mode, with Redis membership or localhost
/// clustering, each on free 127.0.0.1 ports; its stdin is a pipe from this process, so it exits if this one dies.
/// </summary>
internal sealed class SiloProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    public List<int> Gateways { get; } = [];

    /// <summary>Starts a silo and returns once it prints READY (or throws with its output).</summary>
    /// <param name="cluster">Membership arguments; "{silo-port}" stands for this silo's own port (a localhost primary).</param>
    /// <returns>A stopwatch started just before the process, and the silo's port.</returns>
    public (Stopwatch Started, int SiloPort) Start(string name, string[] cluster)
    {
        var ports = ClusterPrimes.LoopbackPorts.Free(2);
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "ClusterPrimes.dll"), "silo", "--name", name, "--silo-port", $"{ports[0]}", "--gateway-port", $"{ports[1]}", "--lifeline", "stdin", .. cluster];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{silo-port}", $"{ports[0]}", StringComparison.Ordinal));
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("READY", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        Gateways.Add(ports[1]);
        if (!ready.Task.Wait(TimeSpan.FromSeconds(120)))
        {
            throw new TimeoutException($"Silo {name} did not start within 120 s.");
        }

        return (watch, ports[0]);
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }
}
