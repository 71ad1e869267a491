namespace Futures.ProcessPool;

/// <summary>A function a pool has checked and numbered; each worker is sent its descriptor once, before first use.</summary>
internal sealed class PoolFunction(int id, FunctionDescriptor descriptor, string name)
{
    public int Id { get; } = id;

    public FunctionDescriptor Descriptor { get; } = descriptor;

    /// <summary>Type.Method, for messages.</summary>
    public string Name { get; } = name;
}
