namespace Flags.Engine;

/// <summary>
/// The validated options every run shares, whichever command gave them (bound once by <c>RunOptions</c>). The
/// defaults are <see cref="RunDefaults"/>'s.
/// </summary>
internal sealed record RunSettings
{
    /// <summary>--strategy, lower case. The default value is <see cref="RunDefaults.Strategy"/>.</summary>
    public string Strategy { get; init; } = RunDefaults.Strategy;

    /// <summary>-m as given; null means <see cref="RunDefaults.MaxRequests"/>.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>--max-per-host as given; null means no cap below the concurrency.</summary>
    public int? MaxPerHost { get; init; }

    /// <summary>--retries: retries after the first try. The default value is <see cref="RunDefaults.Retries"/>.</summary>
    public int Retries { get; init; } = RunDefaults.Retries;

    /// <summary>--timeout: the limit of one try. The default value is <see cref="RunDefaults.Timeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = RunDefaults.Timeout;

    /// <summary>The hidden --retry-delay: the first backoff step. The default value is <see cref="RunDefaults.RetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = RunDefaults.RetryDelay;

    /// <summary>--skip-existing.</summary>
    public bool SkipExisting { get; init; }

    /// <summary>--json.</summary>
    public bool Json { get; init; }

    /// <summary>-v: one line per item as it finishes.</summary>
    public bool Verbose { get; init; }

    /// <summary>-o, as typed. The default value is <see cref="RunDefaults.Output"/>.</summary>
    public string Output { get; init; } = RunDefaults.Output;

    /// <summary>The big-file options of <c>flags fetch</c>. The default value is <see cref="BigFiles.TransferSettings.None"/>.</summary>
    public BigFiles.TransferSettings Transfer { get; init; } = BigFiles.TransferSettings.None;

    /// <summary>--timeline: the full path of the SVG picture of the run to write at its end; null (the default) for none.</summary>
    public string? Timeline { get; init; }

    /// <summary>--http1.1, --http2, --insecure, --cacert. The default value is <see cref="Connections.ConnectionSettings.Default"/>.</summary>
    public Connections.ConnectionSettings Connection { get; init; } = Connections.ConnectionSettings.Default;
}
