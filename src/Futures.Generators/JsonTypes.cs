using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Futures.Generators;

/// <summary>
/// Walks a payload type and every type it contains, deciding for each how its JSON metadata is made, the way
/// System.Text.Json's reflection would treat it under the pool's options (fields included): so that a worker using
/// reflection and a parent using the generated metadata read each other's JSON.
/// </summary>
internal sealed class JsonTypes(Compilation compilation)
{
    private readonly HashSet<ITypeSymbol> _visited = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, string> _failures = new(SymbolEqualityComparer.Default);
    private readonly List<JsonType> _types = [];
    private readonly bool _hasUnsafeAccessor = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.UnsafeAccessorAttribute") is not null;

    public IReadOnlyList<JsonType> Types => _types;

    /// <summary>
    /// The C# name used in generated code: fully qualified, without nullable annotations, and tuples as ValueTuple
    /// (element names are not allowed in typeof).
    /// </summary>
    public static string NameOf(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return $"{NameOf(array.ElementType)}[{new string(',', array.Rank - 1)}]";
            case INamedTypeSymbol named when named.IsTupleType || named.IsGenericType:
                var definition = named.TupleUnderlyingType ?? named;
                var prefix = definition.ContainingType is { } outer
                    ? NameOf(outer)
                    : definition.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"global::{ns.ToDisplayString()}" : "global:";
                var separator = prefix == "global:" ? ":" : ".";
                var arguments = definition.TypeArguments.Length == 0 ? "" : $"<{string.Join(", ", definition.TypeArguments.Select(NameOf))}>";
                return $"{prefix}{separator}{definition.Name}{arguments}";
            default:
                return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
    }

    /// <summary>True if <paramref name="type"/> mentions a type parameter (it cannot be named in a module initializer).</summary>
    public static bool IsOpen(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsOpen(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsOpen) || (named.ContainingType is { } outer && IsOpen(outer)),
        _ => false,
    };

    /// <summary>Adds <paramref name="type"/> and what it contains; returns why it cannot be serialized, or null.</summary>
    public string? Add(ITypeSymbol type)
    {
        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (_failures.TryGetValue(type, out var known))
        {
            return known;
        }

        if (!_visited.Add(type))
        {
            return null; // done, or being walked: a type that contains itself is resolved lazily by the options
        }

        var reason = Describe(type, out var model);
        if (reason is not null)
        {
            _failures[type] = reason;
            return reason;
        }

        _types.Add(model!);
        return null;
    }

    private string? Describe(ITypeSymbol type, out JsonType? model)
    {
        model = null;
        var name = NameOf(type);
        if (Converter(type) is { } converter)
        {
            model = new JsonType(name, JsonKind.Value, null, converter, type.IsValueType, default, default);
            return null;
        }

        switch (type)
        {
            case ITypeParameterSymbol:
                return $"it is the type parameter '{type.Name}', which is only known at run time";
            case IArrayTypeSymbol array when array.Rank == 1:
                return Contained(array.ElementType, JsonKind.Array, name, out model);
            case IArrayTypeSymbol:
                return "System.Text.Json cannot serialize multi-dimensional arrays";
            case INamedTypeSymbol { TypeKind: TypeKind.Enum }:
                model = new JsonType(name, JsonKind.Enum, null, null, true, default, default);
                return null;
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return Contained(nullable.TypeArguments[0], JsonKind.Nullable, name, out model);
            case INamedTypeSymbol named when IsDefinition(named, "System.Collections.Generic.List`1"):
                return Contained(named.TypeArguments[0], JsonKind.List, name, out model);
            case INamedTypeSymbol named when IsDefinition(named, "System.Collections.Generic.Dictionary`2"):
                return named.TypeArguments[0].SpecialType != SpecialType.System_String
                    ? "only dictionaries with string keys are supported"
                    : Contained(named.TypeArguments[1], JsonKind.Dictionary, name, out model);
            case INamedTypeSymbol named:
                return Object(named, out model);
            default:
                return "it is not a class, struct, enum or array";
        }
    }

    private string? Contained(ITypeSymbol element, JsonKind kind, string name, out JsonType? model)
    {
        model = null;
        if (Add(element) is { } reason)
        {
            return $"it contains '{element.ToDisplayString()}': {reason}";
        }

        model = new JsonType(name, kind, NameOf(element), null, kind == JsonKind.Nullable, default, default);
        return null;
    }

    private string? Object(INamedTypeSymbol type, out JsonType? model)
    {
        model = null;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract || type.IsStatic)
        {
            return type.TypeKind == TypeKind.Interface || type.IsAbstract
                ? "it is an interface or abstract class, so a worker cannot know which type to make"
                : "it is not a class, struct, enum or array";
        }

        if (type.IsRefLikeType || type.SpecialType == SpecialType.System_Object || InheritsFrom(type, "System.Delegate") || InheritsFrom(type, "System.Exception")
            || type.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.IEnumerable"))
        {
            return type.SpecialType == SpecialType.System_Object
                ? "'object' says nothing about what to make; use a concrete type"
                : "only arrays, List<T> and Dictionary<string, T> are supported as collections, and delegates, exceptions and ref structs cannot be sent";
        }

        if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
        {
            return "it is not accessible from the generated code (make it internal or public)";
        }

        var members = new List<JsonMember>();
        var memberTypes = new List<ITypeSymbol>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var member in t.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared && member is not IFieldSymbol { AssociatedSymbol: null } || !names.Add(member.Name) || IsIgnored(member))
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                        var setter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } set
                            ? set.IsInitOnly ? (_hasUnsafeAccessor ? MemberSetter.InitAccessor : MemberSetter.None) : MemberSetter.Direct
                            : MemberSetter.None;
                        members.Add(new JsonMember(property.Name, JsonName(property), NameOf(property.Type), true, NameOf(t), setter));
                        memberTypes.Add(property.Type);
                        break;
                    case IFieldSymbol { IsConst: false, AssociatedSymbol: null } field:
                        members.Add(new JsonMember(field.Name, JsonName(field), NameOf(field.Type), false, NameOf(t), field.IsReadOnly ? MemberSetter.None : MemberSetter.Direct));
                        memberTypes.Add(field.Type);
                        break;
                }
            }
        }

        var constructor = Constructor(type, out var constructorReason);
        if (constructorReason is not null)
        {
            return constructorReason;
        }

        var parameters = new List<JsonParameter>();
        if (constructor is not null)
        {
            foreach (var parameter in constructor.Parameters)
            {
                var match = members.FirstOrDefault(m => string.Equals(m.JsonName ?? m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (match is null || match.Type != NameOf(parameter.Type))
                {
                    return $"its constructor's parameter '{parameter.Name}' matches no public property or field of the same type";
                }

                parameters.Add(new JsonParameter(parameter.Name, NameOf(parameter.Type), parameter.Ordinal, parameter.HasExplicitDefaultValue, DefaultValue(parameter)));
            }
        }

        model = new JsonType(NameOf(type), JsonKind.Object, null, null, type.IsValueType, members.ToEquatable(), parameters.ToEquatable());
        foreach (var memberType in memberTypes)
        {
            if (Add(memberType) is { } reason)
            {
                model = null;
                return $"its member of type '{memberType.ToDisplayString()}' cannot be serialized: {reason}";
            }
        }

        return null;
    }

    /// <summary>
    /// The constructor System.Text.Json's reflection deserializes with: [JsonConstructor], else a public parameterless
    /// one (null here: the object is made with new T()), else the only public one. Structs default to new T().
    /// </summary>
    private static IMethodSymbol? Constructor(INamedTypeSymbol type, out string? reason)
    {
        reason = null;
        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var marked = type.InstanceConstructors.FirstOrDefault(c => c.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConstructorAttribute"));
        if (marked is not null)
        {
            return marked.Parameters.Length == 0 ? null : marked;
        }

        if (type.IsValueType || constructors.Any(c => c.Parameters.Length == 0))
        {
            return null;
        }

        if (constructors.Count == 1)
        {
            return constructors[0];
        }

        reason = "it has no public parameterless constructor and more than one public constructor (mark one [JsonConstructor])";
        return null;
    }

    private static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        return parameter.ExplicitDefaultValue switch
        {
            null => $"default({NameOf(parameter.Type)})",
            bool b => b ? "true" : "false",
            string or char => SymbolDisplay.FormatPrimitive(parameter.ExplicitDefaultValue, quoteStrings: true, useHexadecimalNumbers: false),
            var value => $"({NameOf(parameter.Type)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})",
        };
    }

    private static bool IsIgnored(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute"
            && (a.NamedArguments.Length == 0 || a.NamedArguments.Any(n => n.Key == "Condition" && n.Value.Value is 1)));

    private static string? JsonName(ISymbol member) =>
        member.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;

    private static bool IsDefinition(INamedTypeSymbol type, string metadataName) =>
        type.IsGenericType && $"{type.OriginalDefinition.ContainingNamespace.ToDisplayString()}.{type.OriginalDefinition.MetadataName}" == metadataName;

    private static bool InheritsFrom(INamedTypeSymbol type, string fullName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JsonMetadataServices converter of a type System.Text.Json writes as one value, or null.</summary>
    private static string? Converter(ITypeSymbol type)
    {
        var simple = type.SpecialType switch
        {
            SpecialType.System_Boolean => "Boolean",
            SpecialType.System_Byte => "Byte",
            SpecialType.System_SByte => "SByte",
            SpecialType.System_Char => "Char",
            SpecialType.System_Int16 => "Int16",
            SpecialType.System_UInt16 => "UInt16",
            SpecialType.System_Int32 => "Int32",
            SpecialType.System_UInt32 => "UInt32",
            SpecialType.System_Int64 => "Int64",
            SpecialType.System_UInt64 => "UInt64",
            SpecialType.System_Single => "Single",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_String => "String",
            SpecialType.System_DateTime => "DateTime",
            _ => null,
        };
        if (simple is not null)
        {
            return simple;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return "ByteArray"; // base64, as reflection writes it
        }

        return type.ToDisplayString() switch
        {
            "System.DateTimeOffset" => "DateTimeOffset",
            "System.Guid" => "Guid",
            "System.TimeSpan" => "TimeSpan",
            "System.Uri" => "Uri",
            "System.Version" => "Version",
            "System.DateOnly" => "DateOnly",
            "System.TimeOnly" => "TimeOnly",
            "System.Int128" => "Int128",
            "System.UInt128" => "UInt128",
            "System.Half" => "Half",
            "System.Text.Json.JsonElement" => "JsonElement",
            _ => null,
        };
    }
}
