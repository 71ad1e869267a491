using System.Text.Json;
using System.Text.Json.Serialization;

namespace Futures.ProcessPool;

/// <summary>
/// The System.Text.Json settings both sides use for arguments and results. Fields are included so that tuples and
/// plain structs round-trip; NaN and infinities are allowed, since they are ordinary results of numeric work.
/// </summary>
internal static class PayloadJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
