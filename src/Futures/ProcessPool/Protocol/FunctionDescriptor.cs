namespace Futures.ProcessPool;

/// <summary>How a worker gets the object a function runs on.</summary>
internal enum FunctionTarget : byte
{
    /// <summary>A static method: no target.</summary>
    None = 0,

    /// <summary>
    /// A lambda that captures nothing: C# compiles it to an instance method of a compiler-generated class with no
    /// instance fields (<c>&lt;&gt;c</c>), so any instance of that class is the same; the worker makes its own.
    /// </summary>
    StatelessInstance = 1,
}

/// <summary>
/// Names a method so that a worker process can find it: the assembly (name and file), the declaring type
/// (assembly-qualified, so generic arguments are included), the method's metadata token (0 in Native AOT, which has
/// none) and its generic arguments; and, when the source generator saw it (<see cref="ProcessPoolRegistry"/>), the
/// method's name, the generator's name of its delegate type (<paramref name="Shape"/>) and of the method itself
/// (<paramref name="Key"/>, when the generated code calls it directly).
/// </summary>
internal sealed record FunctionDescriptor(
    FunctionTarget Target, string AssemblyName, string? AssemblyPath, string TypeName, int MethodToken, string[] MethodTypeArguments,
    string? MethodName = null, string? Shape = null, string? Key = null)
{
    public void Write(FrameWriter writer)
    {
        writer.WriteByte((byte)Target);
        writer.WriteString(AssemblyName);
        writer.WriteString(AssemblyPath);
        writer.WriteString(TypeName);
        writer.WriteInt32(MethodToken);
        writer.WriteInt32(MethodTypeArguments.Length);
        foreach (var argument in MethodTypeArguments)
        {
            writer.WriteString(argument);
        }

        writer.WriteString(MethodName);
        writer.WriteString(Shape);
        writer.WriteString(Key);
    }

    public static FunctionDescriptor Read(ref FrameReader reader)
    {
        var target = (FunctionTarget)reader.ReadByte();
        var assemblyName = reader.ReadString() ?? "";
        var assemblyPath = reader.ReadString();
        var typeName = reader.ReadString() ?? "";
        var token = reader.ReadInt32();
        var arguments = new string[reader.ReadInt32()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = reader.ReadString() ?? "";
        }

        return new FunctionDescriptor(target, assemblyName, assemblyPath, typeName, token, arguments, reader.ReadString(), reader.ReadString(), reader.ReadString());
    }

    /// <summary>Type.Method, for messages.</summary>
    public override string ToString() =>
        MethodName is null ? $"{TypeName.Split(',')[0]} (method token 0x{MethodToken:X8})" : $"{TypeName.Split(',')[0]}.{MethodName}";
}
