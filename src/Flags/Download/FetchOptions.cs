namespace Flags.Download;

/// <summary>How <see cref="HttpFetcher"/> talks to the server.</summary>
internal sealed class FetchOptions
{
    /// <summary>Downloads in flight at once; sizes the connection pool. The default value is 1.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>
    /// Connections open at once to one host (scheme, host and port): the handler's <c>MaxConnectionsPerServer</c>;
    /// requests beyond it wait for a free connection. The default value is null, meaning <see cref="Concurrency"/>.
    /// </summary>
    public int? MaxConnectionsPerHost { get; init; }

    /// <summary>The limit for one try, from sending the request to the last byte saved. The default value is 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries per job before it counts as an error (1 means no retry). The default value is 3.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>The first backoff between tries; it doubles each retry, with jitter. The default value is 250 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between tries, also the cap on a server's Retry-After. The default value is 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The folder the target files go to. The default value is <c>downloads</c>.</summary>
    public string OutputDirectory { get; init; } = "downloads";

    /// <summary>The clock for backoff and Retry-After dates. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
