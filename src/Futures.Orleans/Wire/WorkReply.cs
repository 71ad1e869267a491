namespace Futures.Orleans.Wire;

/// <summary>
/// What a worker grain sends back. The work's own exception travels in <see cref="Error"/>, never as a thrown
/// exception: Orleans cannot carry exception types it does not know, and a thrown exception would look like a delivery
/// failure. For a chunk, <see cref="Result"/> is the JSON array of the first <see cref="Count"/> results and
/// <see cref="Error"/> is the exception of the item after them, if any.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("Futures.Orleans.WorkReply")]
internal sealed class WorkReply
{
    [Id(0)]
    public byte[]? Result { get; init; }

    [Id(1)]
    public int Count { get; init; }

    [Id(2)]
    public WorkError? Error { get; init; }

    /// <summary>The silo that ran the work, for messages and diagnostics.</summary>
    [Id(3)]
    public string Silo { get; init; } = "";

    /// <summary>The process id of that silo.</summary>
    [Id(4)]
    public int ProcessId { get; init; }

    /// <summary>True when the silo is stopping and did not run the work: send it to another silo; not a failure.</summary>
    [Id(5)]
    public bool Refused { get; init; }
}
