namespace Flags.Tests.Native;

/// <summary>A theory that runs against the published native binary, and skips (saying why) when none is named.</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    public NativeTheoryAttribute()
    {
        if (NativeBinary.Path is null)
        {
            Skip = new NativeFactAttribute().Skip;
        }
    }
}
