using System.Text.Json.Serialization;

namespace Flags.Reporting;

/// <summary>Source-generated serializer metadata: no reflection, so trimming and Native AOT keep working.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonRunReport))]
internal sealed partial class FlagsJsonContext : JsonSerializerContext;
