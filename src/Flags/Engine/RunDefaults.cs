namespace Flags.Engine;

/// <summary>
/// The one place the run options' defaults and bounds live: the options, their help, <see cref="RunSettings"/> and
/// <see cref="FetchOptions"/> all read them from here.
/// </summary>
internal static class RunDefaults
{
    /// <summary>--strategy when not given (chosen by measurement, see docs/cli.md).</summary>
    public const string Strategy = "async";

    /// <summary>-m when not given, for the concurrent strategies (the reference's threadpool default).</summary>
    public const int MaxRequests = 30;

    /// <summary>The largest -m (and --max-per-host) accepted (the reference's MAX_CONCUR_REQ).</summary>
    public const int MaxRequestsCap = 1000;

    /// <summary>--retries when not given: retries after the first try (2 = three tries, as curl's --retry counts).</summary>
    public const int Retries = 2;

    /// <summary>The largest --retries accepted.</summary>
    public const int RetriesCap = 100;

    /// <summary>--output when not given.</summary>
    public const string Output = "downloads";

    /// <summary>--timeout when not given: the limit of one try.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The shortest --timeout accepted (the bound Polly's timeout strategy had, kept for the fetcher's own).</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest --timeout and --retry-delay accepted (Polly's upper bound for a delay).</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromDays(1);

    /// <summary>The hidden --retry-delay when not given: the first backoff step; it doubles each retry, with jitter.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between tries, also the cap on a server's Retry-After.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
}
