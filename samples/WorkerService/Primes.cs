namespace WorkerService;

/// <summary>The primes check of Fluent Python's process-pool example: static, so that a worker process can run it.</summary>
internal static class Primes
{
    public static bool IsPrime(long n)
    {
        if (n < 2)
        {
            return false;
        }

        if (n % 2 == 0)
        {
            return n == 2;
        }

        var root = (long)Math.Sqrt(n);
        for (long d = 3; d <= root; d += 2)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
