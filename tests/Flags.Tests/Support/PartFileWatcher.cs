namespace Flags.Tests.Support;

/// <summary>Completes when a <c>*.part</c> file appears in a folder: proof that a download is in flight.</summary>
public sealed class PartFileWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PartFileWatcher(string folder)
    {
        _watcher = new FileSystemWatcher(folder, "*.part") { EnableRaisingEvents = true };
        _watcher.Created += (_, _) => _seen.TrySetResult();
    }

    /// <summary>Waits for the first .part file; throws TimeoutException if none appears in 10 s.</summary>
    public Task WaitAsync() => _seen.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Dispose() => _watcher.Dispose();
}
