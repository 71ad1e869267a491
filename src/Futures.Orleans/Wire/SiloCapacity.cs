namespace Futures.Orleans.Wire;

/// <summary>What one silo answers: its address and its <see cref="FuturesWorkerOptions.MaxConcurrentWork"/>.</summary>
[GenerateSerializer]
[Immutable]
[Alias("Futures.Orleans.SiloCapacity")]
internal sealed record SiloCapacity([property: Id(0)] string Silo, [property: Id(1)] int MaxConcurrentWork);
