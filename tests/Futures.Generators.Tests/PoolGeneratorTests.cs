using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.CodeAnalysis;

namespace Futures.Generators.Tests;

public sealed class PoolGeneratorTests
{
    [Fact]
    public void Emitted_code_compiles_without_warnings_for_every_shape_and_payload_kind()
    {
        var run = GeneratorRun.Of(Samples.AllShapes);

        Assert.NotNull(run.Generated);
        Assert.Empty(run.CompilerProblems());
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Method_groups_the_generated_code_can_reach_are_registered_as_delegates_and_the_rest_by_shape()
    {
        var generated = GeneratorRun.Of(Samples.AllShapes).Generated!;

        Assert.Contains("RegisterFunc<int, int>(\"global::System.Func<int, int>\", (global::System.Func<int, int>)global::App.Work.Square, ", generated, StringComparison.Ordinal);
        Assert.Contains("RegisterAsyncFuncWithToken<int, int>(", generated, StringComparison.Ordinal);
        Assert.Contains("RegisterAsyncAction(\"global::System.Func<global::System.Threading.Tasks.Task>\", (global::System.Func<global::System.Threading.Tasks.Task>)global::App.Work.Nothing", generated, StringComparison.Ordinal);
        Assert.Contains("RegisterAction(\"global::System.Action\", (global::System.Action)global::App.Work.Init", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("global::App.Work.Hidden", generated, StringComparison.Ordinal); // private: found by name in the worker
        Assert.Contains("RegisterFunc<long, long>(\"global::System.Func<long, long>\", null, null)", generated, StringComparison.Ordinal); // a lambda
        Assert.Contains("RegisterException(\"App.AppError\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_handed_on_through_generic_helpers_is_registered_with_the_callers_types()
    {
        var generated = GeneratorRun.Of(Samples.AllShapes).Generated!;

        Assert.Contains("RegisterFunc<decimal, decimal>(\"global::System.Func<decimal, decimal>\", (global::System.Func<decimal, decimal>)global::App.Helper.Cube, ", generated, StringComparison.Ordinal);
        Assert.Contains("RegisterFunc<global::System.Guid, string>(\"global::System.Func<global::System.Guid, string>\", null, null)", generated, StringComparison.Ordinal);
        Assert.Contains("if (type == typeof(decimal[]))", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Func<int, string>", generated, StringComparison.Ordinal); // the Select lambda: not a pool's
    }

    [Fact]
    public void Generated_json_metadata_writes_what_reflection_writes_and_reads_it_back()
    {
        var assembly = GeneratorRun.Of(Samples.AllShapes).Load();
        var generated = Options((IJsonTypeInfoResolver)Activator.CreateInstance(assembly.GetTypes().Single(t => t.Name.StartsWith("ProcessPoolJson_", StringComparison.Ordinal)))!);
        var reflection = Options(new DefaultJsonTypeInfoResolver());
        var work = assembly.GetType("App.Work")!;
        object Call(string name, params object[] args) => work.GetMethod(name)!.Invoke(null, args)!;
        var point = Activator.CreateInstance(assembly.GetType("App.Point")!, 3, 4)!;
        var pair = Activator.CreateInstance(assembly.GetType("App.Pair")!)!;
        pair.GetType().GetField("A")!.SetValue(pair, 7);
        pair.GetType().GetField("B")!.SetValue(pair, "seven");
        var settings = Activator.CreateInstance(assembly.GetType("App.Settings")!)!;
        object[] values = [point, Call("Fill", point), pair, Call("Grow", settings), Call("Both", 5, "five"), new[] { 1, 2 }, (1, 2), double.NaN];

        foreach (var value in values)
        {
            var type = value.GetType();
            var expected = JsonSerializer.Serialize(value, type, reflection);
            var written = JsonSerializer.Serialize(value, type, generated);
            Assert.Equal(expected, written);

            var read = JsonSerializer.Deserialize(written, type, generated);
            Assert.Equal(expected, JsonSerializer.Serialize(read, type, reflection));
        }
    }

    [Fact]
    public void Init_only_and_renamed_properties_are_read_back_and_ignored_ones_are_not_written()
    {
        var assembly = GeneratorRun.Of(Samples.AllShapes).Load();
        var generated = Options((IJsonTypeInfoResolver)Activator.CreateInstance(assembly.GetTypes().Single(t => t.Name.StartsWith("ProcessPoolJson_", StringComparison.Ordinal)))!);
        var type = assembly.GetType("App.Settings")!;

        var read = JsonSerializer.Deserialize("""{"Size":5,"label":"five","Secret":9}""", type, generated)!;

        Assert.Equal(5, type.GetProperty("Size")!.GetValue(read));
        Assert.Equal("five", type.GetProperty("Label")!.GetValue(read));
        Assert.Equal(0, type.GetProperty("Secret")!.GetValue(read));
        Assert.Equal("""{"Size":5,"label":"five"}""", JsonSerializer.Serialize(read, type, generated));
    }

    [Fact]
    public void Each_misuse_gets_its_warning_at_its_line_and_correct_code_gets_none()
    {
        var run = GeneratorRun.Of(Samples.Misuses);
        var lines = Samples.Misuses.Split('\n');
        var expected = lines.Select((text, i) => (Line: i, Id: text.Contains("// FUT", StringComparison.Ordinal) ? text[(text.IndexOf("// FUT", StringComparison.Ordinal) + 3)..][..7] : null))
            .Where(x => x.Id is not null)
            .Select(x => $"{x.Id}@{x.Line}")
            .ToList();

        var actual = run.GeneratorDiagnostics.Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line}").ToList();

        Assert.True(expected.SequenceEqual(actual), $"expected {string.Join(" ", expected)}, got {string.Join(" | ", run.GeneratorDiagnostics)}");
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.DoesNotContain(run.CompilerProblems(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Messages_name_the_call_the_cause_and_the_fix()
    {
        var run = GeneratorRun.Of(Samples.Misuses);

        Assert.Contains(run.Ids("FUT0001"), m => m.Contains("ProcessPoolExecutor.Submit", StringComparison.Ordinal) && m.Contains("the local variable 'held'", StringComparison.Ordinal) && m.Contains("Pass a method or a lambda", StringComparison.Ordinal));
        Assert.Contains(run.Ids("FUT0003"), m => m.Contains("a lambda that captures 'factor';", StringComparison.Ordinal));
        Assert.Contains(run.Ids("FUT0003"), m => m.Contains("a lambda that captures this;", StringComparison.Ordinal));
        Assert.Contains(run.Ids("FUT0002"), m => m.Contains("'object'", StringComparison.Ordinal));
        Assert.Contains(run.Ids("FUT0002"), m => m.Contains("interface", StringComparison.Ordinal));
        Assert.Contains(run.Ids("FUT0002"), m => m.Contains("[JsonConstructor]", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_emitted_for_a_compilation_without_Futures_or_without_pool_calls()
    {
        Assert.Null(GeneratorRun.Of("public static class P { public static int Submit(System.Func<int> f) => f(); public static int M() => Submit(() => 1); }", referenceFutures: false).Generated);
        Assert.Null(GeneratorRun.Of("public static class P { public static void M() { using var t = new Futures.ThreadPoolExecutor(); t.Submit(() => 1); } }").Generated);
    }

    private static JsonSerializerOptions Options(IJsonTypeInfoResolver resolver)
    {
        // As the pool's own options (src/Futures/ProcessPool/Protocol/PayloadJson.cs).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }
}
