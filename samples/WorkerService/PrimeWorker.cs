using Futures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>
/// Checks a batch of numbers on each executor, logs what it found, and stops the application: the host then shuts the
/// executors down (Futures.Hosting), which is the part this sample shows.
/// </summary>
internal sealed partial class PrimeWorker(
    [FromKeyedServices("cpu")] Executor threads,
    [FromKeyedServices("isolated")] Executor processes,
    IHostApplicationLifetime lifetime,
    ILogger<PrimeWorker> logger) : BackgroundService
{
    private static readonly long[] Numbers = [2, 142702110479723, 299593572317531, 3333333333333301, 3333335652092209, 4444444444444423, 5555553133149889, 7777777536340681];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var (name, executor) in new[] { ("threads", threads), ("processes", processes) })
        {
            var started = TimeProvider.System.GetTimestamp();
            var futures = Numbers.Select(n => executor.Submit(Primes.IsPrime, n)).ToList();
            var primes = 0;
            foreach (var future in futures)
            {
                primes += await future.WaitAsync(stoppingToken).ConfigureAwait(false) ? 1 : 0;
            }

            var elapsed = TimeProvider.System.GetElapsedTime(started);
            LogBatch(name, Numbers.Length, primes, elapsed.TotalMilliseconds);
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Executor}: {Count} numbers checked, {Primes} primes, in {Milliseconds:F0} ms")]
    private partial void LogBatch(string executor, int count, int primes, double milliseconds);
}
