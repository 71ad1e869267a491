namespace Flags.Timeline;

/// <summary>What a <see cref="TimelineRecorder"/> holds at one moment: every try recorded so far and its clock.</summary>
/// <param name="Entries">The tries, in the order they were recorded.</param>
/// <param name="Origin">The timestamp that is time 0 (when the recorder was made).</param>
/// <param name="TicksPerSecond">The timestamps' frequency (<see cref="TimeProvider.TimestampFrequency"/>).</param>
internal sealed record RecordedTimeline(IReadOnlyList<TimelineEntry> Entries, long Origin, double TicksPerSecond)
{
    /// <summary>The phases of <paramref name="entry"/> in seconds from <see cref="Origin"/>.</summary>
    public TryPhases Phases(in TimelineEntry entry) => TryPhases.From(entry.Stamps, Origin, TicksPerSecond);
}
