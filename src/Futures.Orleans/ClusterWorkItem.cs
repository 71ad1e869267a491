using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Futures.Orleans.Wire;
using Futures.ProcessPool;

namespace Futures.Orleans;

/// <summary>What ClusterExecutor needs of a submitted item, whatever its result type; the item is its own future.</summary>
internal interface IClusterWorkItem
{
    WorkRequest Request { get; }

    /// <summary>True when the work takes the executor's token (its silo is told when Shutdown cancels it).</summary>
    bool TakesToken => Request.CallId != Guid.Empty;

    /// <summary>Type.Method, for messages.</summary>
    string FunctionName { get; }

    bool Done { get; }

    /// <summary>Pending -> Running as it is sent; false if cancelled first, null if completed or started by hand.</summary>
    bool? TryStart();

    /// <summary>Completes the future from the silo's reply.</summary>
    void Complete(WorkReply reply);

    /// <summary>Fails the future (the executor broke); no effect if it is done.</summary>
    void Fail(Exception exception);

    bool Cancel();
}

/// <summary>One <c>Submit</c>: the request and the future of its result.</summary>
[RequiresUnreferencedCode("Results are deserialized with reflection-based System.Text.Json.")]
[RequiresDynamicCode("Results are deserialized with reflection-based System.Text.Json.")]
internal sealed class ClusterWorkItem<TResult>(WorkRequest request, string functionName) : Future<TResult>, IClusterWorkItem
{
    public WorkRequest Request { get; } = request;

    public string FunctionName { get; } = functionName;

    public bool? TryStart() => TrySetRunning();

    public void Complete(WorkReply reply)
    {
        if (reply.Error is { } error)
        {
            TrySetException(ClusterErrors.Rebuild(error, reply));
            return;
        }

        if (typeof(TResult) == typeof(VoidResult))
        {
            TrySetResult(default!); // work without a result (an Action, a Task)
            return;
        }

        try
        {
            TrySetResult(JsonSerializer.Deserialize<TResult>(reply.Result ?? "null"u8.ToArray(), PayloadJson.Options)!);
        }
        catch (JsonException ex)
        {
            TrySetException(new JsonException(
                $"The result of {FunctionName} came back from silo {reply.Silo} but cannot be read as {typeof(TResult).Name}: {ex.Message}", ex));
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);
}

/// <summary>One chunk of a Map call: the items as one JSON array, the results as one.</summary>
[RequiresUnreferencedCode("Results are deserialized with reflection-based System.Text.Json.")]
[RequiresDynamicCode("Results are deserialized with reflection-based System.Text.Json.")]
internal sealed class ClusterChunkWorkItem<TResult>(WorkRequest request, string functionName) : Future<MapChunk<TResult>>, IClusterWorkItem
{
    public WorkRequest Request { get; } = request;

    public string FunctionName { get; } = functionName;

    public bool? TryStart() => TrySetRunning();

    public void Complete(WorkReply reply)
    {
        TResult[] results;
        try
        {
            results = reply.Result is null ? [] : JsonSerializer.Deserialize<TResult[]>(reply.Result, PayloadJson.Options) ?? [];
        }
        catch (JsonException ex)
        {
            TrySetException(new JsonException(
                $"The results of {FunctionName} came back from silo {reply.Silo} but cannot be read as {typeof(TResult).Name}: {ex.Message}", ex));
            return;
        }

        var error = reply.Error is null ? null : ExceptionDispatchInfo.Capture(ClusterErrors.Rebuild(reply.Error, reply));
        TrySetResult(new MapChunk<TResult>(results, Math.Min(reply.Count, results.Length), error));
    }

    public void Fail(Exception exception) => TrySetException(exception);
}

/// <summary>Rebuilds a work exception with the process pool's rules, and notes which silo it came from.</summary>
internal static class ClusterErrors
{
    [RequiresUnreferencedCode("Rebuilding an exception loads its type by name.")]
    public static Exception Rebuild(WorkError error, WorkReply reply)
    {
        var exception = RemoteExceptions.Rebuild(error.ToRemoteError(), reply.ProcessId);
        exception.Data["Silo"] = reply.Silo;
        return exception;
    }
}
