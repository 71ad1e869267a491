namespace Flags.Tests.Native;

/// <summary>
/// The published Native AOT executable under test, named by the environment variable FLAGS_NATIVE_BINARY
/// (.ci/run publishes it once and sets the variable; bench/native/bench.sh shows the publish command).
/// </summary>
public static class NativeBinary
{
    public const string Variable = "FLAGS_NATIVE_BINARY";

    /// <summary>The path from <see cref="Variable"/>, or null when unset (the native tests then skip).</summary>
    public static string? Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;
}
