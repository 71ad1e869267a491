using Microsoft.CodeAnalysis;

namespace Futures.Generators;

/// <summary>The warnings of the Futures source generator (docs/process-pool-aot.md describes each).</summary>
internal static class Diagnostics
{
    private const string Category = "Futures.ProcessPool";

    public static readonly DiagnosticDescriptor UnknownFunction = new(
        "FUT0001",
        "A process pool cannot see which method this delegate is",
        "{0} is given a delegate whose method the Futures generator cannot see ({1}); in a Native AOT app the pool may refuse it at run time. Pass a method or a lambda that captures nothing directly to {0}.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnserializableType = new(
        "FUT0002",
        "A type a process pool sends cannot be serialized without reflection",
        "{0} sends '{1}' to or from a worker process, but the Futures generator cannot emit JSON metadata for it: {2}. Use plain data (numbers, strings, enums, arrays, List<T>, Dictionary<string, T>, tuples, records or classes with public properties).",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CarriesState = new(
        "FUT0003",
        "A process pool cannot send a delegate that carries state",
        "{0} is given {1}; a worker process gets only the method and its argument, so the pool refuses it at run time. Pass a static method or a lambda that captures nothing (mark it 'static') and pass data as the argument.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);
}
