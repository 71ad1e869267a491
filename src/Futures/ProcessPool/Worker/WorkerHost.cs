using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using Futures.ProcessPool;

namespace Futures.Worker;

/// <summary>
/// The worker's loop: read a frame from stdin, run it, write the answer to stdout; one task at a time, as CPython's
/// workers do. End-of-file on stdin means the parent is done with this worker (shutdown, recycling) or is dead, so the
/// worker exits.
/// </summary>
internal sealed class WorkerHost : IDisposable
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Dictionary<int, WorkerFunction> _functions = [];
    private readonly FrameWriter _frame = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly TaskCancellations _cancellations = new();

    private WorkerHost(Stream input, Stream output)
    {
        _input = input;
        _output = output;
        _json = new Utf8JsonWriter(_frame, new JsonWriterOptions { SkipValidation = true });
    }

    public static int Run()
    {
        var input = new BufferedStream(Console.OpenStandardInput(), 64 * 1024);
        var output = Console.OpenStandardOutput();
        // stdout carries the protocol: what the application's code prints goes to stderr, which the parent shares.
        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        using var host = new WorkerHost(input, output);
        return host.Loop();
    }

    public void Dispose()
    {
        _json.Dispose();
        _cancellations.Dispose();
    }

    private int Loop()
    {
        // A separate thread drains stdin at all times, so the parent's writes never wait on this worker: otherwise a
        // worker blocked writing a large result while the parent is blocked writing it the next task would deadlock.
        // It also sees end-of-file (the parent retired this worker, or died) at once, even while a task runs.
        var inbox = new BlockingCollection<byte[]>();
        var reader = new Thread(() => ReadInput(inbox)) { IsBackground = true, Name = "Futures.Worker input" };
        reader.Start();
        foreach (var frame in inbox.GetConsumingEnumerable())
        {
            try
            {
                if (!Handle(frame))
                {
                    return 1;
                }
            }
            catch (IOException)
            {
                return 0; // writing the answer failed: the parent is gone
            }
        }

        return 0;
    }

    private void ReadInput(BlockingCollection<byte[]> inbox)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = Frames.Read(_input, ref buffer);
                if (length < 0)
                {
                    break;
                }

                if (buffer[0] == Frames.Cancel)
                {
                    // Handled here, not queued: the task it cancels is running on the main thread.
                    _cancellations.Cancel(BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(1, 8)));
                    continue;
                }

                inbox.Add(buffer.AsSpan(0, length).ToArray());
                if (buffer.Length > Frames.KeptBufferLength)
                {
                    buffer = new byte[64 * 1024];
                }
            }
        }
        catch (IOException)
        {
            // The parent's end is gone.
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine($"Futures.Worker: {ex.Message} Exiting.");
            Environment.Exit(70);
        }

        // The parent closes stdin only when this worker has nothing in flight, or it is dead: leave now, even mid-task.
        Environment.Exit(0);
    }

    /// <summary>Handles one frame; false when the worker must stop (its initializer failed).</summary>
    private bool Handle(ReadOnlySpan<byte> frame)
    {
        var reader = new FrameReader(frame);
        switch (reader.ReadByte())
        {
            case Frames.Define:
                var id = reader.ReadInt32();
                _functions[id] = new WorkerFunction(FunctionDescriptor.Read(ref reader));
                return true;
            case Frames.Initialize:
                return Initialize(reader.ReadInt32());
            case Frames.Call:
                Call(ref reader);
                return true;
            case Frames.CallChunk:
                CallChunk(ref reader);
                return true;
            default:
                throw new InvalidDataException("The parent sent a frame of an unknown kind.");
        }
    }

    private bool Initialize(int fnId)
    {
        try
        {
            var function = _functions[fnId];
            function.Resolve();
            _json.Reset(Stream.Null); // the initializer's return value, if any, is not sent
            function.Invoker.Call([], _json);
            return true;
        }
#pragma warning disable CA1031 // Whatever the initializer throws is reported to the parent, which breaks the pool.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _frame.Begin(Frames.InitFailed);
            RemoteError.From(ex).Write(_frame);
            Send();
            return false;
        }
    }

    private void Call(ref FrameReader reader)
    {
        var taskId = reader.ReadInt64();
        var fnId = reader.ReadInt32();
        _ = reader.ReadByte(); // has an argument: the method's signature says so too
        var argumentJson = reader.Remaining;
        try
        {
            var function = _functions[fnId];
            function.Resolve();
            _frame.Begin(Frames.Result);
            _frame.WriteInt64(taskId);
            _json.Reset(_frame);
            var invoker = function.Invoker;
            if (invoker.TakesToken)
            {
                try
                {
                    invoker.Call(argumentJson, _json, _cancellations.Begin(taskId));
                }
                finally
                {
                    _cancellations.End();
                }
            }
            else
            {
                invoker.Call(argumentJson, _json);
            }

            _json.Flush();
            _frame.CheckLength(); // a result over the limit fails its task, here, where it can be reported
        }
#pragma warning disable CA1031 // The task's exception (or a failure to read its argument or write its result) is its outcome.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WriteError(taskId, ex);
        }

        Send();
    }

    private void CallChunk(ref FrameReader reader)
    {
        var taskId = reader.ReadInt64();
        var fnId = reader.ReadInt32();
        var argumentsJson = reader.Remaining;
        try
        {
            var function = _functions[fnId];
            function.Resolve();
            _frame.Begin(Frames.ChunkResult);
            _frame.WriteInt64(taskId);
            var countAt = _frame.Position;
            _frame.WriteInt32(0);
            _frame.WriteInt32(0);
            var start = _frame.Position;
            _json.Reset(_frame);
            var (count, error) = function.Invoker.CallChunk(argumentsJson, _json);
            _json.Flush();
            _frame.PatchInt32(countAt, count);
            _frame.PatchInt32(countAt + 4, _frame.Position - start);
            if (error is not null)
            {
                RemoteError.From(error).Write(_frame);
            }

            _frame.CheckLength();
        }
#pragma warning disable CA1031 // The arguments could not be read or a result not written: the chunk fails at its first item.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WriteError(taskId, ex);
        }

        Send();
    }

    /// <summary>Replaces whatever was begun with an Error frame: the task's outcome is <paramref name="ex"/>.</summary>
    private void WriteError(long taskId, Exception ex)
    {
        _frame.Begin(Frames.Error);
        _frame.WriteInt64(taskId);
        RemoteError.From(ex).Write(_frame);
    }

    private void Send()
    {
        _output.Write(_frame.End());
        _output.Flush();
        _frame.Trim();
    }
}
