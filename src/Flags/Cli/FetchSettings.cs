namespace Flags.Cli;

/// <summary>The validated options of one <c>flags fetch</c> run.</summary>
internal sealed record FetchSettings
{
    /// <summary>URLs given as arguments (each may not carry a NAME).</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    /// <summary>-i: a list file, or "-" for standard input; null when the URLs are arguments.</summary>
    public string? Input { get; init; }

    /// <summary>-o, as typed.</summary>
    public required string Output { get; init; }

    /// <summary>-m as given; null means <see cref="FlagsCommand.DefaultMaxRequests"/>.</summary>
    public int? MaxRequests { get; init; }

    /// <summary>--max-per-host as given; null means no cap below -m.</summary>
    public int? MaxPerHost { get; init; }

    /// <summary>--strategy, lower case.</summary>
    public required string Strategy { get; init; }

    /// <summary>--retries: tries per URL.</summary>
    public int Tries { get; init; }

    /// <summary>--timeout: per try.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>The hidden --retry-delay: first backoff step.</summary>
    public TimeSpan RetryDelay { get; init; }

    /// <summary>--skip-existing.</summary>
    public bool SkipExisting { get; init; }

    /// <summary>--json.</summary>
    public bool Json { get; init; }

    /// <summary>-v.</summary>
    public bool Verbose { get; init; }
}
