namespace Flags.Server.Faults;

/// <summary>What the server does to one request: fail it with <see cref="Fault"/>, or hold it for
/// <see cref="Delay"/> and then answer normally.</summary>
internal readonly record struct RequestPlan(long Sequence, FaultKind? Fault, TimeSpan Delay);
