using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Futures.Hosting;

/// <summary>
/// Shuts the registered executors down when the host stops. They stop taking work at once; work already submitted,
/// running or queued, may finish until the host's shutdown timeout (the stopping token); then what has not started is
/// cancelled (<c>Shutdown(cancelFutures: true)</c>). Work still running after that is left to end on its own, and the
/// container's disposal of the executor waits for it.
/// </summary>
internal sealed partial class ExecutorShutdownService(ExecutorRegistry registry, ILogger<ExecutorShutdownService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var executors = registry.Snapshot();
        var terminated = new Task[executors.Length];
        for (var i = 0; i < executors.Length; i++)
        {
            terminated[i] = executors[i].Executor.ShutdownAsync(cancelFutures: false);
        }

        try
        {
            await Task.WhenAll(terminated).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < executors.Length; i++)
            {
                if (!terminated[i].IsCompleted)
                {
                    LogCancellingQueuedWork(executors[i].Name);
                    executors[i].Executor.Shutdown(wait: false, cancelFutures: true);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executor '{Name}' still had work when the host's shutdown timeout ran out: work not yet started is cancelled, running work is left to finish.")]
    private partial void LogCancellingQueuedWork(string name);
}
