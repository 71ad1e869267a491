namespace Flags.Engine;

/// <summary>
/// The counts of a run, the one record the summary, the JSON document and the progress display read. Written under the
/// pipeline's lock, read from any thread (a progress display may see counts one outcome old).
/// </summary>
internal sealed class RunCounts
{
    private int _finished;
    private int _downloaded;
    private int _notFound;
    private int _skipped;
    private int _duplicates;
    private int _renamed;
    private int _errors;
    private long _bytes;

    /// <summary>Items finished, whatever their outcome.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>Files saved.</summary>
    public int Downloaded => Volatile.Read(ref _downloaded);

    /// <summary>404 or 410 answers.</summary>
    public int NotFound => Volatile.Read(ref _notFound);

    /// <summary>Files already there (--skip-existing).</summary>
    public int Skipped => Volatile.Read(ref _skipped);

    /// <summary>Lines whose URL was listed before.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Files saved (or to be saved) under another name than the one asked for.</summary>
    public int Renamed => Volatile.Read(ref _renamed);

    /// <summary>Failed downloads and malformed lines.</summary>
    public int Errors => Volatile.Read(ref _errors);

    /// <summary>Bytes saved.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Counts <paramref name="outcome"/>.</summary>
    public void Add(ItemOutcome outcome)
    {
        switch (outcome.Status)
        {
            case DownloadStatus.Ok:
                Interlocked.Increment(ref _downloaded);
                break;
            case DownloadStatus.NotFound:
                Interlocked.Increment(ref _notFound);
                break;
            case DownloadStatus.Skipped:
                Interlocked.Increment(ref _skipped);
                break;
            case DownloadStatus.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            default:
                Interlocked.Increment(ref _errors);
                break;
        }

        if (outcome.Entry.Renamed)
        {
            Interlocked.Increment(ref _renamed);
        }

        Interlocked.Add(ref _bytes, outcome.Bytes);
        Interlocked.Increment(ref _finished);
    }
}
