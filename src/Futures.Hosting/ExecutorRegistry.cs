namespace Futures.Hosting;

/// <summary>
/// The executors that the container has created so far, by name, in creation order: what
/// <see cref="ExecutorShutdownService"/> shuts down. An executor that was registered but never resolved was never
/// created, and has nothing to shut down.
/// </summary>
internal sealed class ExecutorRegistry
{
    private readonly Lock _gate = new();
    private readonly List<(string Name, Executor Executor)> _executors = [];

    /// <summary>Adds a new executor and returns it.</summary>
    public T Track<T>(string name, T executor)
        where T : Executor
    {
        lock (_gate)
        {
            _executors.Add((name, executor));
        }

        return executor;
    }

    /// <summary>The executors created so far.</summary>
    public (string Name, Executor Executor)[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _executors];
        }
    }
}
