using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Futures.Generators;

/// <summary>
/// Finds the functions passed to a process pool (Submit, Map and MapAsync on a ProcessPoolExecutor or an Executor, and
/// ProcessPoolExecutor's initializer) and the exception types the code throws, and emits a module initializer that
/// registers them with Futures' ProcessPoolRegistry: a typed invoker per function, JSON metadata for every argument
/// and result type, and a factory per exception type. So a Native AOT app runs a process pool without reflection.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PoolGenerator : IIncrementalGenerator
{
    private const string Registry = "Futures.ProcessPool.ProcessPoolRegistry";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var enabled = context.CompilationProvider.Select(static (c, _) => c.GetTypeByMetadataName(Registry) is not null);

        var sites = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Submit" or "Map" or "MapAsync" } or IdentifierNameSyntax { Identifier.ValueText: "Submit" or "Map" or "MapAsync" } }
                    or BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 },
                static (context, token) => Sites.Extract(context, token))
            .Where(static site => site is not null)
            .Select(static (site, _) => site!);

        var forwarded = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
                    && arguments.Any(static a => a.Expression is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax),
                static (context, token) => Sites.Forwarded(context, token))
            .Where(static site => site is not null)
            .Select(static (site, _) => site!);

        var exceptions = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ThrowStatementSyntax { Expression: BaseObjectCreationExpressionSyntax } or ThrowExpressionSyntax { Expression: BaseObjectCreationExpressionSyntax },
                static (context, token) => Sites.Exception(context, token))
            .Where(static e => e is not null)
            .Select(static (e, _) => e!);

        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "App");
        var all = sites.Collect().Combine(forwarded.Collect()).Select(static (pair, _) => pair.Left.AddRange(pair.Right)).Combine(exceptions.Collect()).Combine(enabled).Combine(assemblyName);
        context.RegisterSourceOutput(all, static (output, input) =>
        {
            var (((found, thrown), isEnabled), name) = input;
            if (!isEnabled)
            {
                return;
            }

            foreach (var diagnostic in found.SelectMany(s => s.Diagnostics).Distinct())
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            var registrations = found.Select(s => s.Registration).OfType<Registration>().Distinct().ToList();
            var types = found.SelectMany(s => s.Types).GroupBy(t => t.Name).Select(g => g.First()).ToList();
            if (registrations.Count == 0 && types.Count == 0)
            {
                return;
            }

            output.AddSource("Futures.ProcessPool.g.cs", Emitter.Emit(name, registrations, types, thrown.Distinct().ToList()));
        });
    }
}

/// <summary>What one syntax node contributes.</summary>
internal static class Sites
{
    private static readonly SymbolDisplayFormat s_short = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    public static Site? Extract(GeneratorSyntaxContext context, CancellationToken token)
    {
        var model = context.SemanticModel;
        var operation = model.GetOperation(context.Node, token);
        ImmutableArray<IArgumentOperation> arguments;
        string what;
        bool warn;
        switch (operation)
        {
            case IInvocationOperation invocation when IsExecutor(invocation.TargetMethod.ContainingType, out _):
                var receiver = invocation.Instance?.Type ?? invocation.TargetMethod.ContainingType;
                if (!IsExecutor(receiver, out var isProcessPool) || DerivesFrom(receiver, "Futures.ThreadPoolExecutor"))
                {
                    return null; // a thread pool runs the delegate in this process: nothing to register
                }

                arguments = invocation.Arguments;
                what = $"{(isProcessPool ? "ProcessPoolExecutor" : "Executor")}.{invocation.TargetMethod.Name}";
                warn = isProcessPool;
                break;
            case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && type.ToDisplayString() == "Futures.ProcessPoolExecutor":
                arguments = creation.Arguments;
                what = "new ProcessPoolExecutor(initializer)";
                warn = true;
                break;
            default:
                return null;
        }

        var argument = arguments.FirstOrDefault(a => a.Parameter?.Type.TypeKind == TypeKind.Delegate && a.ArgumentKind != ArgumentKind.DefaultValue);
        return argument is null ? null : FromArgument(model, argument, what, warn);
    }

    /// <summary>
    /// A call of a method of this compilation that passes a method or lambda on, through its delegate parameter, to a
    /// pool's Submit, Map or MapAsync (directly or through up to three such methods, as a generic helper that times a
    /// workload does): registered with the types of this call, since the pool call itself only sees type parameters.
    /// </summary>
    public static Site? Forwarded(GeneratorSyntaxContext context, CancellationToken token)
    {
        if (context.SemanticModel.GetOperation(context.Node, token) is not IInvocationOperation invocation
            || invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty || IsExecutor(invocation.TargetMethod.ContainingType, out _))
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate && Unwrap(argument.Value) is IDelegateCreationOperation
                && ForwardsToPool(context.SemanticModel.Compilation, invocation.TargetMethod, argument.Parameter.Ordinal, 0, token))
            {
                return FromArgument(context.SemanticModel, argument, $"{invocation.TargetMethod.Name} (to a process pool)", warn: false);
            }
        }

        return null;
    }

    private static bool ForwardsToPool(Compilation compilation, IMethodSymbol method, int ordinal, int depth, CancellationToken token)
    {
        var definition = method.OriginalDefinition;
        if (depth > 3 || ordinal >= definition.Parameters.Length)
        {
            return false;
        }

        var parameter = definition.Parameters[ordinal];
        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            var body = reference.GetSyntax(token);
            var model = compilation.GetSemanticModel(body.SyntaxTree);
            foreach (var call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (!call.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == parameter.Name)
                    || model.GetOperation(call, token) is not IInvocationOperation inner)
                {
                    continue;
                }

                var passed = inner.Arguments.FirstOrDefault(a => Unwrap(a.Value) is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, parameter));
                if (passed?.Parameter is null)
                {
                    continue;
                }

                if (IsExecutor(inner.TargetMethod.ContainingType, out _) && inner.TargetMethod.Name is "Submit" or "Map" or "MapAsync"
                    && !DerivesFrom(inner.Instance?.Type, "Futures.ThreadPoolExecutor"))
                {
                    return true;
                }

                if (!inner.TargetMethod.DeclaringSyntaxReferences.IsEmpty && ForwardsToPool(compilation, inner.TargetMethod, passed.Parameter.Ordinal, depth + 1, token))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    private static Site? FromArgument(SemanticModel model, IArgumentOperation argument, string what, bool warn)
    {
        if (argument.Parameter!.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke } delegateType)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var location = argument.Syntax.GetLocation();
        var value = Unwrap(argument.Value);

        if (value is IDefaultValueOperation or ILiteralOperation)
        {
            return null; // null: no function
        }

        if (JsonTypes.IsOpen(delegateType))
        {
            // A generic helper's parameter is followed back to its callers, which know the types (Forwarded).
            if (warn && value is not IParameterReferenceOperation)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnserializableType, location, what, delegateType.ToDisplayString(s_short), "it mentions a type parameter, which is only known at run time"));
            }

            return new Site(null, default, diagnostics.ToEquatable());
        }

        string? direct = null;
        switch (value)
        {
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                var method = reference.Method;
                if (!method.IsStatic && reference.Instance is not null)
                {
                    if (warn)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.CarriesState, location, what, $"the instance method '{method.Name}' bound to an object"));
                    }
                }
                else if (method.IsStatic && method.MethodKind == MethodKind.Ordinary
                    && model.Compilation.IsSymbolAccessibleWithin(method, model.Compilation.Assembly)
                    && !JsonTypes.IsOpen(method.ContainingType) && !method.TypeArguments.Any(JsonTypes.IsOpen))
                {
                    direct = $"{JsonTypes.NameOf(method.ContainingType)}.{method.Name}{(method.IsGenericMethod ? $"<{string.Join(", ", method.TypeArguments.Select(JsonTypes.NameOf))}>" : "")}";
                }

                break;
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                if (warn && !lambda.Symbol.IsStatic && Captured(lambda) is { } captured)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.CarriesState, location, what, $"a lambda that captures {captured}"));
                }

                break;
            case IParameterReferenceOperation:
                break; // followed back to the calls that pass a method or lambda (Forwarded)
            default:
                if (warn)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnknownFunction, location, what, Describe(value)));
                }

                break;
        }

        var shape = JsonTypes.NameOf(delegateType);
        var (registerMethod, typeArguments, payload) = Shape(model.Compilation, invoke);
        if (registerMethod is null)
        {
            return new Site(null, default, diagnostics.ToEquatable());
        }

        var json = new JsonTypes(model.Compilation);
        foreach (var type in payload)
        {
            // One warning per call: the first type that fails (its array would only say the same again).
            if (json.Add(type) is { } reason && warn && !diagnostics.Any(d => d.Id == Diagnostics.UnserializableType.Id))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnserializableType, location, what, type.ToDisplayString(s_short), reason));
            }
        }

        var registration = new Registration(
            registerMethod,
            string.Join(", ", typeArguments.Select(JsonTypes.NameOf)),
            shape,
            shape,
            direct,
            direct is null ? null : $"{direct} as {shape}");
        return new Site(registration, json.Types.ToEquatable(), diagnostics.Distinct().ToEquatable());
    }

    public static ExceptionType? Exception(GeneratorSyntaxContext context, CancellationToken token)
    {
        var creation = context.Node switch
        {
            ThrowStatementSyntax statement => statement.Expression,
            ThrowExpressionSyntax expression => expression.Expression,
            _ => null,
        };
        if (creation is null || context.SemanticModel.GetTypeInfo(creation, token).Type is not INamedTypeSymbol type
            || type.IsAbstract || type.IsGenericType || !DerivesFrom(type, "System.Exception")
            || !context.SemanticModel.Compilation.IsSymbolAccessibleWithin(type, context.SemanticModel.Compilation.Assembly))
        {
            return null;
        }

        var constructors = type.InstanceConstructors.Where(c => context.SemanticModel.Compilation.IsSymbolAccessibleWithin(c, context.SemanticModel.Compilation.Assembly)).ToList();
        var withInner = constructors.Any(c => c.Parameters.Length == 2 && c.Parameters[0].Type.SpecialType == SpecialType.System_String && c.Parameters[1].Type.ToDisplayString().TrimEnd('?') == "System.Exception");
        var plain = constructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String);
        return withInner || plain ? new ExceptionType(FullName(type), JsonTypes.NameOf(type), withInner) : null;
    }

    /// <summary>The registry method, its type arguments and the payload types (arguments, results, their arrays).</summary>
    private static (string? Method, ITypeSymbol[] TypeArguments, ITypeSymbol[] Payload) Shape(Compilation compilation, IMethodSymbol invoke)
    {
        var parameters = invoke.Parameters.Select(p => p.Type).ToArray();
        var returns = invoke.ReturnType;
        var isToken = parameters.Length > 0 && parameters[parameters.Length - 1].ToDisplayString() == "System.Threading.CancellationToken";
        var arguments = isToken ? parameters.Take(parameters.Length - 1).ToArray() : parameters;
        var returnsName = returns.OriginalDefinition.ToDisplayString();
        if (returnsName == "System.Threading.Tasks.Task<TResult>")
        {
            var result = ((INamedTypeSymbol)returns).TypeArguments[0];
            return arguments.Length switch
            {
                0 => (isToken ? "RegisterAsyncFuncWithToken" : "RegisterAsyncFunc", [result], [result]),
                1 => (isToken ? "RegisterAsyncFuncWithToken" : "RegisterAsyncFunc", [arguments[0], result], [arguments[0], result]),
                _ => (null, [], []),
            };
        }

        if (returnsName == "System.Threading.Tasks.Task")
        {
            return arguments.Length == 0 ? (isToken ? "RegisterAsyncActionWithToken" : "RegisterAsyncAction", [], []) : (null, [], []);
        }

        if (isToken)
        {
            return (null, [], []);
        }

        if (returns.SpecialType == SpecialType.System_Void)
        {
            return parameters.Length == 0 ? ("RegisterAction", [], []) : (null, [], []);
        }

        switch (parameters.Length)
        {
            case 0:
                return ("RegisterFunc", [returns], [returns]);
            case 1:
                return ("RegisterFunc", [parameters[0], returns], [parameters[0], returns, compilation.CreateArrayTypeSymbol(parameters[0]), compilation.CreateArrayTypeSymbol(returns)]);
            case 2:
                var pair = compilation.GetTypeByMetadataName("System.ValueTuple`2")!.Construct(parameters[0], parameters[1]);
                return ("RegisterFunc", [parameters[0], parameters[1], returns], [pair, compilation.CreateArrayTypeSymbol(pair), returns, compilation.CreateArrayTypeSymbol(returns)]);
            default:
                return (null, [], []);
        }
    }

    /// <summary>What a lambda captures (outer locals and parameters, and this), for the message; null if nothing.</summary>
    private static string? Captured(IAnonymousFunctionOperation lambda)
    {
        var names = new List<string>();
        foreach (var operation in lambda.Body.Descendants())
        {
            var name = operation switch
            {
                ILocalReferenceOperation local when !IsWithin(local.Local.ContainingSymbol, lambda.Symbol) => $"'{local.Local.Name}'",
                IParameterReferenceOperation parameter when !IsWithin(parameter.Parameter.ContainingSymbol, lambda.Symbol) => $"'{parameter.Parameter.Name}'",
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => "this",
                _ => null,
            };
            if (name is not null && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static bool IsWithin(ISymbol? symbol, ISymbol lambda)
    {
        for (var s = symbol; s is not null; s = s.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(s, lambda))
            {
                return true;
            }

            if (s is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                return false;
            }
        }

        return false;
    }

    private static string Describe(IOperation value) => value switch
    {
        ILocalReferenceOperation local => $"the local variable '{local.Local.Name}'",
        IFieldReferenceOperation field => $"the field '{field.Field.Name}'",
        IPropertyReferenceOperation property => $"the property '{property.Property.Name}'",
        IInvocationOperation call => $"the result of '{call.TargetMethod.Name}'",
        _ => "an expression",
    };

    private static bool IsExecutor(ITypeSymbol? type, out bool isProcessPool)
    {
        isProcessPool = DerivesFrom(type, "Futures.ProcessPoolExecutor");
        return DerivesFrom(type, "Futures.Executor");
    }

    private static bool DerivesFrom(ITypeSymbol? type, string fullName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }

    private static string FullName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? $"{FullName(outer)}+{type.MetadataName}"
        : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{type.MetadataName}" : type.MetadataName;
}
