namespace Futures.ProcessPool;

/// <summary>
/// An exception as it crosses from a worker to the parent: its type (full and assembly-qualified name), message,
/// stack text and inner exception. Plain data, so that both sides can read it without loading the type.
/// </summary>
internal sealed class RemoteError(string typeName, string? assemblyQualifiedName, string message, string? stackTrace, RemoteError? inner)
{
    private const int MaxDepth = 8;

    public string TypeName { get; } = typeName;

    public string? AssemblyQualifiedName { get; } = assemblyQualifiedName;

    public string Message { get; } = message;

    public string? StackTrace { get; } = stackTrace;

    public RemoteError? Inner { get; } = inner;

    public static RemoteError From(Exception exception, int depth = 0)
    {
        var type = exception.GetType();
        var inner = exception.InnerException is { } next && depth < MaxDepth ? From(next, depth + 1) : null;
        return new RemoteError(type.FullName ?? type.Name, type.AssemblyQualifiedName, exception.Message, exception.StackTrace, inner);
    }

    public void Write(FrameWriter writer)
    {
        writer.WriteString(TypeName);
        writer.WriteString(AssemblyQualifiedName);
        writer.WriteString(Message);
        writer.WriteString(StackTrace);
        writer.WriteByte(Inner is null ? (byte)0 : (byte)1);
        Inner?.Write(writer);
    }

    public static RemoteError Read(ref FrameReader reader)
    {
        var typeName = reader.ReadString() ?? "System.Exception";
        var qualified = reader.ReadString();
        var message = reader.ReadString() ?? "";
        var stack = reader.ReadString();
        var inner = reader.ReadByte() == 1 ? Read(ref reader) : null;
        return new RemoteError(typeName, qualified, message, stack, inner);
    }
}
