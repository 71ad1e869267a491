using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Futures.ProcessPool;

/// <summary>
/// The System.Text.Json settings both sides use for arguments and results. Fields are included so that tuples and
/// plain structs round-trip; NaN and infinities are allowed, since they are ordinary results of numeric work.
/// The options are read-only with the reflection resolver in place from the start, so that typed metadata
/// (GetTypeInfo) can be asked for in a process that has not serialized anything yet (a fresh worker or silo).
/// </summary>
[RequiresUnreferencedCode("Arguments and results of pool work are serialized by reflection.")]
[RequiresDynamicCode("Arguments and results of pool work are serialized by reflection.")]
internal static class PayloadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
