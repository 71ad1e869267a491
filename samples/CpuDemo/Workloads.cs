using System.Security.Cryptography;

namespace CpuDemo;

/// <summary>
/// The work units. Static, with plain arguments and results, so that ProcessPoolExecutor can run them in its workers
/// (which load this assembly) exactly as ThreadPoolExecutor runs them on its threads.
/// </summary>
public static class Workloads
{
    /// <summary>
    /// The 20 numbers of Fluent Python 2nd edition's primes.py, from 2 up to 9999999999999999, with whether each is
    /// prime (9 are).
    /// </summary>
    public static readonly (long Number, bool Prime)[] PrimeFixture =
    [
        (2, true), (142702110479723, true), (299593572317531, true), (3333333333333301, true),
        (3333333333333333, false), (3333335652092209, false), (4444444444444423, true), (4444444444444444, false),
        (4444444488888889, false), (5555553133149889, false), (5555555555555503, true), (5555555555555555, false),
        (6666666666666666, false), (6666666666666719, true), (6666667141414921, false), (7777777536340681, false),
        (7777777777777753, true), (7777777777777777, false), (9999999999999917, true), (9999999999999999, false),
    ];

    /// <summary>Trial division by odd numbers up to isqrt(n), as primes.py does.</summary>
    public static bool IsPrime(long n)
    {
        if (n < 2)
        {
            return false;
        }

        if (n == 2)
        {
            return true;
        }

        if (n % 2 == 0)
        {
            return false;
        }

        var root = ISqrt(n);
        for (long i = 3; i <= root; i += 2)
        {
            if (n % i == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One job of the 1st edition's sha_futures.py: make <paramref name="job"/>.Size pseudo-random bytes one at a time
    /// (the Python original does the same, so generating outweighs hashing), then hash them with SHA-256.
    /// </summary>
    public static string Sha256Job(ShaJob job)
    {
        var random = new Random(job.Seed);
        var data = new byte[job.Size];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)random.Next(256);
        }

        return Convert.ToHexStringLower(SHA256.HashData(data));
    }

    private static long ISqrt(long n)
    {
        var root = (long)Math.Sqrt(n);
        while (root * root > n)
        {
            root--;
        }

        while ((root + 1) * (root + 1) <= n)
        {
            root++;
        }

        return root;
    }
}

/// <summary>The argument of <see cref="Workloads.Sha256Job"/>: how many bytes, and the seed that makes them.</summary>
public sealed record ShaJob(int Seed, int Size);
