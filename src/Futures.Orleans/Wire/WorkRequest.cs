namespace Futures.Orleans.Wire;

/// <summary>
/// One call to a worker grain: which method to run (the process pool's function descriptor, flattened) and its argument
/// as JSON, or, for a Map chunk, the JSON array of the chunk's items. Plain strings and bytes, so that Orleans carries it
/// whatever the application's types are.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("Futures.Orleans.WorkRequest")]
internal sealed record WorkRequest
{
    /// <summary>0: a static method; 1: a lambda that captures nothing (see FunctionTarget).</summary>
    [Id(0)]
    public byte Target { get; init; }

    [Id(1)]
    public string AssemblyName { get; init; } = "";

    [Id(2)]
    public string? AssemblyPath { get; init; }

    [Id(3)]
    public string TypeName { get; init; } = "";

    [Id(4)]
    public int MethodToken { get; init; }

    [Id(5)]
    public string[] MethodTypeArguments { get; init; } = [];

    /// <summary>The argument as JSON; null for a parameterless method.</summary>
    [Id(6)]
    public byte[]? Argument { get; init; }

    /// <summary>True for a Map chunk: <see cref="Argument"/> is a JSON array and each item is one call.</summary>
    [Id(7)]
    public bool IsChunk { get; init; }

    /// <summary>
    /// True for version 2 work that the typed invoker does not take (async, two arguments, a token parameter): the silo
    /// calls it through <see cref="ReflectiveFunction"/>; for two arguments <see cref="Argument"/> is a JSON array of both.
    /// </summary>
    [Id(8)]
    public bool IsReflective { get; init; }

    /// <summary>For work that takes the executor's token: the id under which the silo holds that token, to cancel it.</summary>
    [Id(9)]
    public Guid CallId { get; init; }

    /// <summary>
    /// The item's own id, the same on every attempt: a silo that already took the item answers from that run (see
    /// <see cref="TakenItems"/>) instead of running it again.
    /// </summary>
    [Id(10)]
    public Guid ItemId { get; init; }
}
