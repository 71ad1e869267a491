using System.Diagnostics;
using System.Globalization;

namespace Futures.Tests.Contract;

/// <summary>
/// The version 2 work the async contract submits: static methods (async ones too) with JSON-serializable arguments and
/// results, capturing nothing, so that an executor running work in other processes can run every case. Coordination
/// goes through files, as in <see cref="Jobs"/>.
/// </summary>
public static class AsyncJobs
{
    /// <summary>Work without a result (an Action).</summary>
    public static void Nothing()
    {
    }

    public static async Task<int> AnswerAsync()
    {
        await Task.Yield();
        return 42;
    }

    public static async Task<int> SquareAsync(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static async Task NothingAsync() => await Task.Yield();

    public static int Add(int a, int b) => a + b;

    /// <summary>Throws, after an await, the <see cref="ArgumentException"/> that <see cref="Jobs.Fail"/> throws.</summary>
    public static async Task<int> FailAsync(int item)
    {
        await Task.Yield();
        throw new ArgumentException(Jobs.FailureMessage(item));
    }

    /// <summary>Ends by throwing OperationCanceledException of its own (no token was cancelled).</summary>
    public static async Task<int> GiveUpAsync()
    {
        await Task.Yield();
        throw new OperationCanceledException("gave up");
    }

    /// <summary>Waits on the executor's token for at most 30 s; ends with OperationCanceledException when it fires.</summary>
    public static async Task<int> UntilCancelledAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return 1;
    }

    /// <summary>As <see cref="UntilCancelledAsync"/>, without a result.</summary>
    public static async Task UntilCancelledNoResultAsync(CancellationToken cancellationToken) =>
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>Returns the token's state at once: false unless the executor cancelled it already.</summary>
    public static Task<bool> TokenCancelledAsync(CancellationToken cancellationToken) =>
        Task.FromResult(cancellationToken.IsCancellationRequested);

    /// <summary>Squares <paramref name="x"/> after an await (MapAsync's async overload).</summary>
    public static async Task<int> SquareWithTokenAsync(int x, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return x * x;
    }

    /// <summary>Awaits (without blocking a thread) until <paramref name="releasePath"/> exists, at most 30 s; returns 1.</summary>
    /// <exception cref="TimeoutException">The file did not appear; the test forgot to release the job.</exception>
    public static async Task<int> WaitForFileAsync(string releasePath)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(releasePath))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Release file {releasePath} never appeared.");
            }

            await Task.Delay(2);
        }

        return 1;
    }

    /// <summary>
    /// Async <see cref="Jobs.MarkThenWait"/>: creates the marker <c>args[0]</c>, awaits the release file <c>args[1]</c>
    /// if not empty, returns the item number <c>args[2]</c>.
    /// </summary>
    public static async Task<int> MarkThenWaitAsync(string[] args)
    {
        await File.WriteAllTextAsync(args[0], "ran");
        if (args[1].Length > 0)
        {
            await WaitForFileAsync(args[1]);
        }

        return int.Parse(args[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the marker file <paramref name="markerPath"/> (an Action with an argument, through Map).</summary>
    public static int Mark(string markerPath)
    {
        File.WriteAllText(markerPath, "ran");
        return 1;
    }
}
