using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Futures.Generators;

/// <summary>
/// One function passed to a pool: which registry method registers it, with which type arguments, under which shape
/// (its delegate type) and, when the generated code can call it, the method as an expression and its name.
/// </summary>
internal sealed record Registration(string Method, string TypeArguments, string Shape, string DelegateType, string? Direct, string? Name);

/// <summary>What JSON metadata to emit for one type (fully qualified C# name), and how.</summary>
internal sealed record JsonType(
    string Name,
    JsonKind Kind,
    string? Element,
    string? Converter,
    bool IsValueType,
    EquatableArray<JsonMember> Members,
    EquatableArray<JsonParameter> Parameters);

internal enum JsonKind
{
    Value,
    Enum,
    Nullable,
    Array,
    List,
    Dictionary,
    Object,
}

/// <summary>A property or field of an object type. Setter: none, direct, or through an UnsafeAccessor (init-only).</summary>
internal sealed record JsonMember(string Name, string? JsonName, string Type, bool IsProperty, string DeclaringType, MemberSetter Setter);

internal enum MemberSetter
{
    None,
    Direct,
    InitAccessor,
}

/// <summary>A parameter of the constructor an object type is deserialized with.</summary>
internal sealed record JsonParameter(string Name, string Type, int Position, bool HasDefault, string? DefaultValue);

/// <summary>An exception type the application throws and how to make one: (message, inner) or (message).</summary>
internal sealed record ExceptionType(string FullName, string Name, bool TakesInner);

/// <summary>A warning, kept as plain data so that the pipeline's models compare by value.</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan Lines, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        var lines = location.GetLineSpan();
        return new DiagnosticInfo(descriptor.Id, lines.Path ?? "", location.SourceSpan, lines.Span, arguments.ToEquatable());
    }

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Id switch
        {
            "FUT0001" => Diagnostics.UnknownFunction,
            "FUT0002" => Diagnostics.UnserializableType,
            _ => Diagnostics.CarriesState,
        };
        var location = FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, Lines);
        return Diagnostic.Create(descriptor, location, [.. Arguments]);
    }
}

/// <summary>Everything one call site contributes.</summary>
internal sealed record Site(Registration? Registration, EquatableArray<JsonType> Types, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly Site Empty = new(null, default, default);
}
