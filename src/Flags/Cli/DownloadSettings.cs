namespace Flags.Cli;

/// <summary>The validated options of one download run.</summary>
internal sealed record DownloadSettings
{
    /// <summary>The CC arguments as typed (already checked to be one or two letters).</summary>
    public required IReadOnlyList<string> CodeArguments { get; init; }

    /// <summary>-a: read the code list from the server.</summary>
    public bool All { get; init; }

    /// <summary>-e: every code AA..ZZ.</summary>
    public bool Every { get; init; }

    /// <summary>-l: keep only the first N codes after sorting.</summary>
    public int? Limit { get; init; }

    /// <summary>-m as given; null means the strategy's default.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>-s, parsed.</summary>
    public required ServerTarget Server { get; init; }

    /// <summary>-v: one line per code instead of the progress bar.</summary>
    public bool Verbose { get; init; }

    /// <summary>-o, as typed.</summary>
    public required string Output { get; init; }

    /// <summary>--strategy.</summary>
    public required string Strategy { get; init; }

    /// <summary>--retries: tries per code.</summary>
    public int Tries { get; init; }

    /// <summary>--timeout: per try.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>The hidden --retry-delay: first backoff step.</summary>
    public TimeSpan RetryDelay { get; init; }

    /// <summary>--skip-existing.</summary>
    public bool SkipExisting { get; init; }

    /// <summary>--json.</summary>
    public bool Json { get; init; }
}
