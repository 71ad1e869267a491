using Futures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>
/// Runs a batch of searches on each executor, logs what they found, and stops the application: the host then shuts the
/// executors down (Futures.Hosting), which is the part this sample shows.
/// </summary>
internal sealed partial class CollatzWorker(
    [FromKeyedServices("cpu")] Executor threads,
    [FromKeyedServices("isolated")] Executor processes,
    IHostApplicationLifetime lifetime,
    ILogger<CollatzWorker> logger) : BackgroundService
{
    private static readonly long[] Limits = [50_000, 100_000, 150_000, 200_000];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (name, executor) in new[] { ("threads", threads), ("processes", processes) })
        {
            var started = TimeProvider.System.GetTimestamp();
            var futures = Limits.Select(limit => executor.Submit(Collatz.LongestChainStart, limit)).ToList();
            var starts = new List<long>();
            foreach (var future in futures)
            {
                starts.Add(await future.WaitAsync(stoppingToken).ConfigureAwait(false));
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var found = string.Join(' ', starts);
            LogBatch(name, found, elapsed.TotalMilliseconds);
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Executor}: longest Collatz chains below 50k..200k start at {Starts}, in {Milliseconds:F0} ms")]
    private partial void LogBatch(string executor, string starts, double milliseconds);
}
