namespace Flags.Engine;

/// <summary>
/// Where a run's items come from: the one part (with its header) that each command supplies to the
/// <see cref="RunPipeline"/>. A source is validated when it is made (usage errors are found before anything starts);
/// <see cref="OpenAsync"/> then does whatever must happen before the first download (start the embedded server, probe
/// the server, read a code list) and may be cancelled at any point.
/// </summary>
internal interface IJobSource : IAsyncDisposable
{
    /// <summary>What the command is called in reports (<c>flags</c>, <c>fetch</c>).</summary>
    string Command { get; }

    /// <summary>The singular noun for the items (<c>code</c>, <c>line</c>) and for what is saved (<c>flag</c>, <c>file</c>).</summary>
    (string Item, string File) Nouns { get; }

    /// <summary>The number of items if known, before or after <see cref="OpenAsync"/>; null for a stream of unknown length.</summary>
    int? Total { get; }

    /// <summary>After <see cref="OpenAsync"/>: why the server cannot be reached (every job is then an error, no request is made), or null.</summary>
    string? Unreachable { get; }

    /// <summary>Prepares the source; afterwards <see cref="Entries"/> may be read.</summary>
    /// <exception cref="JobSourceException">The source cannot be used (a code list that cannot be read).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>The header of the run (text lines and JSON fields), once the concurrency is known.</summary>
    RunHeader Header(string strategy, int concurrency, int maxPerHost);

    /// <summary>The items, read lazily (the strategies take them at most a window ahead of the results).</summary>
    IEnumerable<JobEntry> Entries();
}
