namespace Flags.Engine;

/// <summary>
/// What the run pipeline stamps on a job as it hands it to the strategy, when --timeline records: the job's number in
/// the recording and when it began to wait for a slot. The fetcher's first try starts its wait there.
/// </summary>
/// <param name="Job">The number from <see cref="Flags.Timeline.TimelineRecorder.NextJob"/>; 0 when not recording.</param>
/// <param name="Queued">The <see cref="Flags.Timeline.TimelineRecorder.Now"/> timestamp; 0 when not recording.</param>
internal readonly record struct TimelineTicket(int Job, long Queued);
