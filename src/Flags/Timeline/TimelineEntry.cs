namespace Flags.Timeline;

/// <summary>One recorded try.</summary>
/// <param name="Job">The job's number from <see cref="TimelineRecorder.NextJob"/>; every try of a job shares it.</param>
/// <param name="Try">1 for the first try, 2 for the first retry, ...</param>
/// <param name="Label">What reports call the job, e.g. <c>BR</c> or a file name.</param>
/// <param name="Outcome">How the try ended.</param>
/// <param name="Detail">A short cause for the tooltip, e.g. <c>HTTP 503</c>; null for none.</param>
/// <param name="Stamps">Its timestamps.</param>
internal readonly record struct TimelineEntry(int Job, int Try, string Label, TryOutcome Outcome, string? Detail, TryStamps Stamps);
