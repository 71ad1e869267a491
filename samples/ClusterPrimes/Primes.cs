namespace ClusterPrimes;

/// <summary>One answer of the demo: the number, whether it is prime, where and how long it took.</summary>
public sealed record PrimeCheck(long N, bool IsPrime, string Silo, double Milliseconds);

/// <summary>The work of Fluent Python's primes demo: trial division, deliberately CPU-bound.</summary>
public static class Primes
{
    /// <summary>
    /// Numbers of the demo: large primes (the slow case: every odd divisor up to the square root is tried) and
    /// composites of similar size with small and large factors.
    /// </summary>
    public static readonly long[] Numbers =
    [
        2, 142702110479723, 299593572317531, 3333333333333301, 3333333333333333, 3333335652092209,
        4444444444444423, 4444444444444444, 4444444488888889, 5555553133149889, 5555555555555503, 5555555555555555,
        6666666666666666, 6666666666666719, 6666667141414921, 7777777536340681, 7777777777777753, 7777777777777777,
        9999999999999917, 9999999999999999,
    ];

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
        for (long i = 3; i <= root; i += 2)
        {
            if (n % i == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the cluster runs: the check, timed, with the name of the silo that ran it.</summary>
    public static PrimeCheck Check(long n)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var prime = IsPrime(n);
        return new PrimeCheck(n, prime, SiloIdentity.Name ?? "local", watch.Elapsed.TotalMilliseconds);
    }
}

/// <summary>The name this process was given as a silo (null when it is not one).</summary>
public static class SiloIdentity
{
    public static string? Name { get; set; }
}
