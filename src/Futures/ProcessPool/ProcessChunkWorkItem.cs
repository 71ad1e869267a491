using System.Runtime.ExceptionServices;
using System.Text.Json;
using Futures.Telemetry;

namespace Futures.ProcessPool;

/// <summary>One chunk of a Map call, sent as one message: the items as a JSON array, the results as another.</summary>
internal sealed class ProcessChunkWorkItem<TResult>(long id, PoolFunction function, byte[] arguments) : Future<MapChunk<TResult>>, IProcessWorkItem
{
    private ProcessWorkTelemetry _telemetry = ProcessWorkTelemetry.Capture();

    public long Id { get; } = id;

    public ref ProcessWorkTelemetry Telemetry => ref _telemetry;

    public PoolFunction Function { get; } = function;

    public bool MayWaitInWorker => true;

    public bool TakesToken => false;

    public void WriteCall(FrameWriter frame)
    {
        frame.Begin(Frames.CallChunk);
        frame.WriteInt64(Id);
        frame.WriteInt32(Function.Id);
        frame.WriteBytes(arguments);
    }

    public void Complete(byte kind, ref FrameReader reader, int workerPid)
    {
        if (kind == Frames.Error)
        {
            TrySetException(RemoteExceptions.Rebuild(RemoteError.Read(ref reader), workerPid));
            return;
        }

        var count = reader.ReadInt32();
        var json = reader.ReadBytes(reader.ReadInt32());
        ExceptionDispatchInfo? error = null;
        if (!reader.Remaining.IsEmpty)
        {
            error = ExceptionDispatchInfo.Capture(RemoteExceptions.Rebuild(RemoteError.Read(ref reader), workerPid));
        }

        TResult[] results;
        try
        {
            results = JsonSerializer.Deserialize(json, PayloadJson.Info<TResult[]>()) ?? [];
        }
#pragma warning disable CA1031 // Whatever stops the result being read fails this future; it must not escape onto the reader thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TrySetException(new JsonException(
                $"The results of {Function.Name} came back from the worker but cannot be read as {typeof(TResult).Name}: {ex.Message}", ex));
            return;
        }

        TrySetResult(new MapChunk<TResult>(results, Math.Min(count, results.Length), error));
    }

    public void Fail(Exception exception)
    {
        TrySetException(exception);
        _telemetry.Stop(this);
    }
}
