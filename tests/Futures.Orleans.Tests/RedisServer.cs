using System.Diagnostics;

namespace Futures.Orleans.Tests;

/// <summary>
/// A real redis-server (Debian's package; .ci/run installs it) on a free 127.0.0.1 port, in a temporary directory that
/// holds its append-only file, so that <see cref="RestartAsync"/> brings back the same data, as a production Redis
/// with persistence does. No RDB snapshots. Stopped by its PID; the directory is deleted on Dispose.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "futures-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
        Directory.CreateDirectory(_directory);
    }

    public int Port { get; }

    /// <summary>The connection string silos and clients get: HOST:PORT.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(ClusterPrimes.LoopbackPorts.Free(1)[0]);
        try
        {
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash or a node loss would; then the same port and data again.</summary>
    public async Task RestartAsync()
    {
        Kill();
        await LaunchAsync();
    }

    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", $"{Port}", "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always" })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        Process process;
        try
        {
            process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult();
                }
            };
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (.ci/run does this).", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var first = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            throw new InvalidOperationException($"redis-server on port {Port} did not start within {StartTimeout.TotalSeconds} s (exited: {process.HasExited}). Output:\n{log}");
        }
    }
}
