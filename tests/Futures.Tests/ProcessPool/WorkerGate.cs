using System.IO.Pipes;

namespace Futures.Tests.ProcessPool;

/// <summary>
/// The test's end of <see cref="ProcessJobs.Gate"/>: a named pipe (a Unix socket in the temp folder, no network) that
/// tells the test when the job runs and in which process, and lets the job finish when the test says so.
/// </summary>
public sealed class WorkerGate : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly NamedPipeServerStream _server;

    public WorkerGate()
    {
        Name = $"futures-gate-{Guid.NewGuid():N}"[..28];
        _server = new NamedPipeServerStream(Name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
    }

    public string Name { get; }

    /// <summary>Waits until the job runs and returns the process id it runs in.</summary>
    public async Task<int> WaitForStartAsync()
    {
        await _server.WaitForConnectionAsync().WaitAsync(Patience);
        var pid = new byte[4];
        await _server.ReadExactlyAsync(pid).AsTask().WaitAsync(Patience);
        return BitConverter.ToInt32(pid);
    }

    public void Release()
    {
        _server.WriteByte(1);
        _server.Flush();
    }

    public void Dispose() => _server.Dispose();
}
