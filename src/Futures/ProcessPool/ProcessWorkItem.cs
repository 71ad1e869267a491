using System.Text.Json;
using Futures.Telemetry;

namespace Futures.ProcessPool;

/// <summary>
/// One <c>Submit</c>: the function, its argument as JSON, and the future of its result (for an async method, of its
/// task's result: the worker awaits it).
/// </summary>
internal sealed class ProcessWorkItem<TResult>(long id, PoolFunction function, byte[]? argument, bool takesToken = false)
    : Future<TResult>, IProcessWorkItem
{
    private ProcessWorkTelemetry _telemetry = ProcessWorkTelemetry.Capture();

    public long Id { get; } = id;

    public ref ProcessWorkTelemetry Telemetry => ref _telemetry;

    public PoolFunction Function { get; } = function;

    public bool MayWaitInWorker => false;

    public bool TakesToken { get; } = takesToken;

    public void WriteCall(FrameWriter frame)
    {
        frame.Begin(Frames.Call);
        frame.WriteInt64(Id);
        frame.WriteInt32(Function.Id);
        frame.WriteByte(argument is null ? (byte)0 : (byte)1);
        if (argument is not null)
        {
            frame.WriteBytes(argument);
        }
    }

    public void Complete(byte kind, ref FrameReader reader, int workerPid)
    {
        if (kind == Frames.Error)
        {
            TrySetException(RemoteExceptions.Rebuild(RemoteError.Read(ref reader), workerPid));
            return;
        }

        if (typeof(TResult) == typeof(VoidResult))
        {
            TrySetResult(default!); // an Action or a Task: the worker sends null, and there is nothing to read
            return;
        }

        TResult result;
        try
        {
            result = JsonSerializer.Deserialize(reader.Remaining, PayloadJson.Info<TResult>())!;
        }
#pragma warning disable CA1031 // Whatever stops the result being read fails this future; it must not escape onto the reader thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TrySetException(new JsonException(
                $"The result of {Function.Name} came back from the worker but cannot be read as {typeof(TResult).Name}: {ex.Message}", ex));
            return;
        }

        TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        TrySetException(exception);
        _telemetry.Stop(this);
    }
}
