namespace Flags.Timeline;

/// <summary>
/// Collects the timeline of a run as it happens: the engine stamps each try's stages into a <see cref="TryStamps"/>
/// with <see cref="Now"/> and hands it over with <see cref="Record"/> when the try is over. Thread-safe: any number
/// of downloads record at once.
/// </summary>
/// <remarks>
/// <para>Off (<see cref="Disabled"/>) it costs a null check per call and allocates nothing: <see cref="Now"/> returns 0
/// and <see cref="Record"/> returns at once. On, a stamp is one <see cref="TimeProvider.GetTimestamp"/> and a try is
/// one short lock to copy about 100 bytes into a chunk of 1,024 entries (measured in bench/Timeline.Benchmarks).</para>
/// <para>The engine's calls, per job: <c>var job = recorder.NextJob();</c> and <c>stamps.Queued = recorder.Now();</c>
/// when the job is taken from the source; then per try: <c>Started</c> when it has its slot, <c>ConnectStart</c> /
/// <c>ConnectEnd</c> if it opened a connection (<see cref="TimelineConnect"/>), <c>FirstByte</c> when
/// <c>SendAsync</c> returns, <c>BodyEnd</c> after the last read, <c>Ended</c> after the rename or the failure, then
/// <c>recorder.Record(job, tryNumber, key, outcome, detail, stamps)</c>; the next try starts with
/// <c>Queued = previous Ended</c> (its backoff).</para>
/// </remarks>
internal sealed class TimelineRecorder
{
    private const int ChunkSize = 1024;

    private readonly TimeProvider? _time;
    private readonly Lock _gate = new();
    private readonly List<TimelineEntry[]> _chunks = [];
    private int _count;
    private int _jobs;

    private TimelineRecorder()
    {
    }

    /// <summary>A recorder that records; time 0 is now.</summary>
    /// <param name="time">The clock; the default value is <see cref="TimeProvider.System"/> (Stopwatch timestamps).</param>
    public TimelineRecorder(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Origin = _time.GetTimestamp();
    }

    /// <summary>The recorder that records nothing, at no cost: the one to use without <c>--timeline</c>.</summary>
    public static TimelineRecorder Disabled { get; } = new();

    /// <summary>Whether this recorder keeps anything.</summary>
    public bool Enabled => _time is not null;

    /// <summary>The timestamp that is time 0 of the timeline.</summary>
    public long Origin { get; }

    /// <summary>How many tries have been recorded.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The current timestamp, or 0 when off.</summary>
    public long Now() => _time?.GetTimestamp() ?? 0;

    /// <summary>A new job number (1, 2, ...), or 0 when off. Every try of one download passes the same number.</summary>
    public int NextJob() => _time is null ? 0 : Interlocked.Increment(ref _jobs);

    /// <summary>Keeps one finished try; does nothing when off.</summary>
    /// <param name="job">The number from <see cref="NextJob"/>.</param>
    /// <param name="tryNumber">1 for the first try.</param>
    /// <param name="label">The job's key, e.g. <c>BR</c> (kept by reference, not copied).</param>
    /// <param name="outcome">How the try ended; pass <see cref="TryOutcome.Error"/> for any failed try.</param>
    /// <param name="detail">A short cause, e.g. <c>HTTP 503</c>; null for none.</param>
    /// <param name="stamps">The try's timestamps; <see cref="TryStamps.Started"/> and <see cref="TryStamps.Ended"/> must be set.</param>
    public void Record(int job, int tryNumber, string label, TryOutcome outcome, string? detail, in TryStamps stamps)
    {
        if (_time is null)
        {
            return;
        }

        lock (_gate)
        {
            var index = _count % ChunkSize;
            if (index == 0)
            {
                _chunks.Add(new TimelineEntry[ChunkSize]);
            }

            _chunks[^1][index] = new TimelineEntry(job, tryNumber, label, outcome, detail, stamps);
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>A copy of everything recorded so far (empty when off).</summary>
    public RecordedTimeline Snapshot()
    {
        var frequency = (_time ?? TimeProvider.System).TimestampFrequency;
        lock (_gate)
        {
            var entries = new TimelineEntry[_count];
            for (var i = 0; i < _chunks.Count; i++)
            {
                var length = Math.Min(ChunkSize, _count - (i * ChunkSize));
                Array.Copy(_chunks[i], 0, entries, i * ChunkSize, length);
            }

            return new RecordedTimeline(entries, Origin, frequency);
        }
    }
}
