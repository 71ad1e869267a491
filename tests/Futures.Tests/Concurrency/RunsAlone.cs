namespace Futures.Tests.Concurrency;

/// <summary>
/// The randomized concurrency tests keep every core busy for seconds; they run alone, after the other tests, so that
/// neither starves the other's threads on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Randomized concurrency";
}
