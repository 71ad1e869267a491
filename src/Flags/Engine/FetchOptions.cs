namespace Flags.Engine;

/// <summary>How <see cref="HttpFetcher"/> talks to the server; built from <see cref="RunSettings"/> by the pipeline.</summary>
internal sealed class FetchOptions
{
    /// <summary>Downloads in flight at once; sizes the connection pool.</summary>
    public required int Concurrency { get; init; }

    /// <summary>
    /// Connections open at once to one host (scheme, host and port): the handler's <c>MaxConnectionsPerServer</c>;
    /// requests beyond it wait for a free connection. The default value is null, meaning <see cref="Concurrency"/>.
    /// </summary>
    public int? MaxConnectionsPerHost { get; init; }

    /// <summary>The limit for one try, from sending the request to the last byte saved.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Retries after the first try before a job counts as an error (0 means one try).</summary>
    public required int Retries { get; init; }

    /// <summary>The first backoff between tries; it doubles each retry, with jitter.</summary>
    public required TimeSpan RetryDelay { get; init; }

    /// <summary>The longest wait between tries, also the cap on a server's Retry-After. The default value is <see cref="RunDefaults.MaxRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = RunDefaults.MaxRetryDelay;

    /// <summary>The folder the target files go to (full path).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The clock for backoff and Retry-After dates. The default value is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The big-file options (resume, checksums, rate limits, split). The default value is <see cref="BigFiles.TransferSettings.None"/>.</summary>
    public BigFiles.TransferSettings Transfer { get; init; } = BigFiles.TransferSettings.None;

    /// <summary>Told the bytes of each big-file download as they arrive, for the progress display; null when none is shown.</summary>
    public BigFiles.ITransferProgress? Progress { get; init; }

    /// <summary>Where each try's stages are stamped (--timeline). The default value is <see cref="Flags.Timeline.TimelineRecorder.Disabled"/>.</summary>
    public Flags.Timeline.TimelineRecorder Timeline { get; init; } = Flags.Timeline.TimelineRecorder.Disabled;

    /// <summary>The HTTP version and certificate checks. The default value is <see cref="Connections.ConnectionSettings.Default"/>.</summary>
    public Connections.ConnectionSettings Connection { get; init; } = Connections.ConnectionSettings.Default;
}
