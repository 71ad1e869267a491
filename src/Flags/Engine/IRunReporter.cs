namespace Flags.Engine;

/// <summary>
/// A consumer of a run's outcomes (text lines, JSON, progress; later a timeline): every reporter is fed the same
/// header, outcomes and summary by the <see cref="RunPipeline"/>.
/// </summary>
internal interface IRunReporter
{
    /// <summary>The run starts (called once, before any outcome; not called when the run is interrupted before its header).</summary>
    void Start(RunHeader header);

    /// <summary>One item finished; <paramref name="counts"/> already include it. Calls never overlap (the pipeline holds a lock).</summary>
    void Report(ItemOutcome outcome, RunCounts counts);

    /// <summary>The run ended (always called once, even after an interruption before <see cref="Start"/>).</summary>
    Task FinishAsync(RunSummary summary);
}
