namespace WorkerService;

/// <summary>CPU-bound work without state: static, so that a worker process can run it too.</summary>
internal static class Collatz
{
    /// <summary>The start below <paramref name="limit"/> of the longest Collatz chain (n/2 if even, else 3n+1, down to 1).</summary>
    public static long LongestChainStart(long limit)
    {
        long best = 1, bestLength = 1;
        for (long start = 2; start < limit; start++)
        {
            long length = 1;
            for (var n = start; n != 1; n = (n & 1) == 0 ? n / 2 : (3 * n) + 1)
            {
                length++;
            }

            (best, bestLength) = length > bestLength ? (start, length) : (best, bestLength);
        }

        return best;
    }
}
