namespace Flags.Timeline;

/// <summary>One download as the timeline draws it: its tries, in order, and the lane (slot) it held from its first try's start to its last try's end.</summary>
internal sealed class TimelineJob
{
    private readonly List<(TimelineEntry Entry, TryPhases Phases)> _tries = [];

    /// <summary>Starts a job from its first recorded try.</summary>
    public TimelineJob(int number, string label)
    {
        Number = number;
        Label = label;
    }

    /// <summary>The job's number from the recorder.</summary>
    public int Number { get; }

    /// <summary>The job's key, e.g. <c>BR</c>.</summary>
    public string Label { get; }

    /// <summary>The lane it was drawn in (assigned by <see cref="TimelineJobs"/>).</summary>
    public int Lane { get; internal set; }

    /// <summary>The tries, in try order, with their phases in seconds.</summary>
    public IReadOnlyList<(TimelineEntry Entry, TryPhases Phases)> Tries => _tries;

    /// <summary>When the first try started (had its slot), in seconds.</summary>
    public double Start => _tries[0].Phases.Started;

    /// <summary>When the last try ended, in seconds.</summary>
    public double End => _tries[^1].Phases.Ended;

    /// <summary>How the download ended: its last try's outcome (a failed last try is an error).</summary>
    public TryOutcome Outcome => _tries[^1].Entry.Outcome is TryOutcome.Retried ? TryOutcome.Error : _tries[^1].Entry.Outcome;

    /// <summary>The CSS class of try <paramref name="index"/>: <c>ok</c>, <c>notfound</c>, <c>error</c> or <c>retried</c>.</summary>
    public string ClassOf(int index) => _tries[index].Entry.Outcome switch
    {
        TryOutcome.Ok => "ok",
        TryOutcome.NotFound => "notfound",
        TryOutcome.Retried => "retried",
        _ => index < _tries.Count - 1 ? "retried" : "error",
    };

    internal void Add(in TimelineEntry entry, TryPhases phases) => _tries.Add((entry, phases));

    internal void Sort() => _tries.Sort(static (a, b) => a.Entry.Try.CompareTo(b.Entry.Try));
}
