using System.Collections.Immutable;
using System.Reflection;
using Futures.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Futures.Generators.Tests;

/// <summary>A small compilation against Futures, run through the generator with CSharpGeneratorDriver.</summary>
internal sealed class GeneratorRun
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(ProcessPoolExecutor).Assembly.Location),
    ]);

    private GeneratorRun(CSharpCompilation output, ImmutableArray<Diagnostic> generatorDiagnostics, string? generated)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Generated = generated;
    }

    /// <summary>The compilation with the generated source added.</summary>
    public CSharpCompilation Output { get; }

    /// <summary>What the generator reported (its FUTxxxx warnings).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    /// <summary>The generated source, or null if the generator emitted none.</summary>
    public string? Generated { get; }

    public static GeneratorRun Of(string source, bool referenceFutures = true)
    {
        var compilation = CSharpCompilation.Create(
            "Sample" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "Sample.cs")],
            referenceFutures ? s_references.Value : [.. s_references.Value.Take(s_references.Value.Length - 1)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new PoolGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.SingleOrDefault()?.ToString();
        return new GeneratorRun((CSharpCompilation)output, diagnostics, generated);
    }

    /// <summary>The compiler's errors and warnings for the whole output (the source's own and the generated code's).</summary>
    public IEnumerable<Diagnostic> CompilerProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);

    /// <summary>Emits and loads the output, runs its module initializer; the loaded assembly.</summary>
    public Assembly Load()
    {
        using var image = new MemoryStream();
        var result = Output.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return assembly;
    }

    public IEnumerable<string> Ids(string id) => GeneratorDiagnostics.Where(d => d.Id == id).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
}
