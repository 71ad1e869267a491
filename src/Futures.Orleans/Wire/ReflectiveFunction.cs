using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Futures.ProcessPool;

namespace Futures.Orleans.Wire;

/// <summary>
/// Version 2 work in a silo, which the process pool's typed invoker does not take: async methods (awaited here), two
/// arguments (a Map over two sources), and a <see cref="CancellationToken"/> parameter (the executor's shutdown token).
/// Found once per silo from the same descriptor, called by reflection; the argument JSON is the value, or for two
/// arguments a JSON array of both.
/// </summary>
internal sealed class ReflectiveFunction
{
    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly Type[] _arguments;
    private readonly bool _takesToken;
    private readonly Type? _result;
    private readonly PropertyInfo? _taskResult;

    private ReflectiveFunction(MethodInfo method, object? target)
    {
        _method = method;
        _target = target;
        var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        _takesToken = parameters.Length > 0 && parameters[^1] == typeof(CancellationToken);
        _arguments = _takesToken ? parameters[..^1] : parameters;
        var returns = method.ReturnType;
        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            _result = returns.GetGenericArguments()[0];
            _taskResult = returns.GetProperty(nameof(Task<int>.Result));
        }
        else if (returns != typeof(void) && returns != typeof(Task))
        {
            _result = returns;
        }
    }

    /// <summary>Finds the method of <paramref name="descriptor"/> in this process; throws if it cannot.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Finds a method by name and token.")]
    public static ReflectiveFunction Resolve(FunctionDescriptor descriptor)
    {
        var type = Type.GetType(descriptor.TypeName, name => Load(name, descriptor), typeResolver: null, throwOnError: true)!;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var method = Array.Find(type.GetMethods(all), m => m.MetadataToken == descriptor.MethodToken)
            ?? throw new MissingMethodException(
                $"The silo found type '{type.FullName}' but no method with token 0x{descriptor.MethodToken:X8} in it; the silo and the client load different builds of '{descriptor.AssemblyName}'.");
        if (descriptor.MethodTypeArguments.Length > 0)
        {
            method = method.MakeGenericMethod(Array.ConvertAll(
                descriptor.MethodTypeArguments, name => Type.GetType(name, n => Load(n, descriptor), typeResolver: null, throwOnError: true)!));
        }

        var target = descriptor.Target == FunctionTarget.StatelessInstance ? RuntimeHelpers.GetUninitializedObject(type) : null;
        return new ReflectiveFunction(method, target);
    }

    /// <summary>Calls the method, awaits it if it is async, and writes its result (null for none) as JSON.</summary>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Reads arguments and writes results with reflection-based System.Text.Json.")]
    [System.Diagnostics.CodeAnalysis.RequiresDynamicCode("Reads arguments and writes results with reflection-based System.Text.Json.")]
    public async Task<byte[]> CallAsync(byte[]? argumentJson, CancellationToken cancellationToken)
    {
        var values = new List<object?>();
        if (_arguments.Length == 1)
        {
            values.Add(JsonSerializer.Deserialize(argumentJson ?? "null"u8.ToArray(), _arguments[0], PayloadJson.Options));
        }
        else if (_arguments.Length > 1)
        {
            using var document = JsonDocument.Parse(argumentJson ?? "[]"u8.ToArray());
            values.AddRange(document.RootElement.EnumerateArray().Zip(_arguments, (element, type) => element.Deserialize(type, PayloadJson.Options)));
        }

        if (_takesToken)
        {
            values.Add(cancellationToken);
        }

        var returned = _method.Invoke(_target, BindingFlags.DoNotWrapExceptions, binder: null, [.. values], culture: null);
        object? value = returned;
        if (returned is Task task)
        {
            await task.ConfigureAwait(true); // continue on the silo's worker threads (the executor's context)
            value = _taskResult?.GetValue(task);
        }

        return _result is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(value, _result, PayloadJson.Options);
    }

    private static Assembly Load(AssemblyName name, FunctionDescriptor descriptor)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
        if (loaded is not null)
        {
            return loaded;
        }

        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException) when (descriptor.AssemblyPath is { } path && File.Exists(path)
            && AssemblyName.ReferenceMatchesDefinition(name, new AssemblyName(descriptor.AssemblyName)))
        {
            // Not part of the silo's application (the client loaded it from a path): load the same file here.
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }
}
