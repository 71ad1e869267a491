using System.Diagnostics;

namespace Flags.Tests.Support;

/// <summary>Runs the built program (<c>dotnet flags.dll</c>, copied next to the tests) as a real process.</summary>
public sealed class FlagsProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private FlagsProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>The program's standard input (close it to send end of file).</summary>
    public StreamWriter Input => _process.StandardInput;

    public static FlagsProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flags.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new FlagsProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits for exit (failing loudly after 30 s) and returns what it wrote.</summary>
    public async Task<FlagsRun> WaitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(limit.Token);
        return new FlagsRun(_process.ExitCode, await _output, await _error);
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does (Process.Kill would be SIGKILL).</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("/bin/kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
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
