namespace Flags.Tests.Native;

/// <summary>A fact that runs against the published native binary, and skips (saying why) when none is named.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (NativeBinary.Path is null)
        {
            Skip = $"{NativeBinary.Variable} is not set: publish with `dotnet publish src/Flags -c Release -r linux-x64 -o <dir>` "
                + $"and set it to <dir>/flags (.ci/run does this).";
        }
    }
}
