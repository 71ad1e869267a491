using System.Diagnostics;
using System.Text;

namespace Flags.Tests.Support;

/// <summary>
/// Runs the program as a real process: the built <c>dotnet flags.dll</c> copied next to the tests, or a published
/// executable such as the Native AOT binary.
/// </summary>
public sealed class FlagsProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];
    private readonly Task _outputRead;
    private readonly Task<string> _error;

    private FlagsProcess(Process process)
    {
        _process = process;
        _outputRead = ReadOutputAsync(process.StandardOutput);
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>The program's standard input (close it to send end of file).</summary>
    public StreamWriter Input => _process.StandardInput;

    /// <summary>Starts <c>dotnet flags.dll</c> from the test output folder.</summary>
    public static FlagsProcess Start(params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "flags.dll"), .. args]);

    /// <summary>Starts the executable at <paramref name="executable"/> (for example the Native AOT binary).</summary>
    public static FlagsProcess StartExecutable(string executable, params string[] args) => Start(executable, args);

    private static FlagsProcess Start(string fileName, string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new FlagsProcess(Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start."));
    }

    /// <summary>Completes with the first stdout line that matches; throws TimeoutException after 30 s.</summary>
    public Task<string> LineAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            var existing = _output.ToString().ReplaceLineEndings("\n").Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Waits for exit (failing loudly after 30 s) and returns what it wrote.</summary>
    public Task<FlagsRun> WaitAsync() => WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits for exit (failing loudly after <paramref name="limit"/>) and returns what it wrote.</summary>
    public async Task<FlagsRun> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        await _outputRead;
        string output;
        lock (_gate)
        {
            output = _output.ToString();
        }

        return new FlagsRun(_process.ExitCode, output, await _error);
    }

    /// <summary>
    /// The process's peak resident memory so far (VmHWM in /proc), in bytes; null once it has exited. The kernel keeps
    /// the peak, so the last value read before the exit is the peak of the whole run.
    /// </summary>
    public long? PeakWorkingSet()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does (Process.Kill would be SIGKILL).</summary>
    public Task InterruptAsync() => SignalAsync("-INT");

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public Task TerminateAsync() => SignalAsync("-TERM");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("/bin/kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
    }

    private async Task ReadOutputAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _output.Append(line).Append('\n');
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    waiter.Done.TrySetResult(line);
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
