using Futures.ProcessPool;

namespace Futures.Orleans.Wire;

/// <summary>The process pool's <see cref="RemoteError"/> in a form Orleans serializes: type names, message, stack, inner.</summary>
[GenerateSerializer]
[Immutable]
[Alias("Futures.Orleans.WorkError")]
internal sealed class WorkError
{
    [Id(0)]
    public string TypeName { get; init; } = "";

    [Id(1)]
    public string? AssemblyQualifiedName { get; init; }

    [Id(2)]
    public string Message { get; init; } = "";

    [Id(3)]
    public string? StackTrace { get; init; }

    [Id(4)]
    public WorkError? Inner { get; init; }

    public static WorkError From(RemoteError error) => new()
    {
        TypeName = error.TypeName,
        AssemblyQualifiedName = error.AssemblyQualifiedName,
        Message = error.Message,
        StackTrace = error.StackTrace,
        Inner = error.Inner is null ? null : From(error.Inner),
    };

    public RemoteError ToRemoteError() => new(TypeName, AssemblyQualifiedName, Message, StackTrace, Inner?.ToRemoteError());
}
