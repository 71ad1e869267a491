using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Futures.ProcessPool;

/// <summary>
/// The System.Text.Json settings both sides use for arguments and results. Fields are included so that tuples and
/// plain structs round-trip; NaN and infinities are allowed, since they are ordinary results of numeric work.
/// Type metadata comes first from what the source generator registered (<see cref="ProcessPoolRegistry"/>), then,
/// where reflection is allowed (not in trimmed or Native AOT apps), from System.Text.Json's reflection. The options are
/// read-only with the resolver in place from the start, so that typed metadata (GetTypeInfo) can be asked for in a
/// process that has not serialized anything yet (a fresh worker or silo).
/// </summary>
internal static class PayloadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The typed metadata of <typeparamref name="T"/>: no reflection once it is made.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new Resolver(JsonSerializer.IsReflectionEnabledByDefault ? Reflection() : null),
        };
        options.MakeReadOnly();
        return options;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Made only where JsonSerializer.IsReflectionEnabledByDefault, which trimmed and Native AOT apps turn off.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Made only where JsonSerializer.IsReflectionEnabledByDefault, which Native AOT apps turn off.")]
    private static DefaultJsonTypeInfoResolver Reflection() => new();

    /// <summary>The generated resolvers (read at each lookup: a library's module initializer may run late), then reflection.</summary>
    private sealed class Resolver(IJsonTypeInfoResolver? reflection) : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            foreach (var generated in ProcessPoolRegistry.JsonResolvers)
            {
                if (generated.GetTypeInfo(type, options) is { } info)
                {
                    return info;
                }
            }

            return reflection?.GetTypeInfo(type, options)
                ?? throw new NotSupportedException(
                    $"ProcessPoolExecutor has no JSON metadata for '{type.FullName}' in this app, which cannot use reflection (trimmed or Native AOT): the Futures source generator emits it for the argument and result types of the functions passed to Submit and Map that it sees. See docs/process-pool-aot.md.");
        }
    }
}
