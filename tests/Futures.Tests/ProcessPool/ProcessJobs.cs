using System.IO.Pipes;

namespace Futures.Tests.ProcessPool;

/// <summary>Static work for process-pool tests: everything a worker needs travels as the argument.</summary>
public static class ProcessJobs
{
    public static int Pid() => Environment.ProcessId;

    public static int Square(int n) => n * n;

    public static int Same(int n) => n;

    public static string Echo(string text) => text;

    public static Point Mirror(Point point) => new(point.Y, point.X, point.Label + "!");

    public static T Identity<T>(T value) => value;

    public static int Fail(string message) => throw new InvalidOperationException(message);

    public static int FailWithInner(string message) => throw new InvalidOperationException(message, new FormatException("inner cause"));

    public static int FailWithCodeOnly(int code) => throw new CodeOnlyException(code);

    public static int ThrowIfNegative(int n) => n < 0 ? throw new ArgumentOutOfRangeException(nameof(n), n, "negative") : n;

    public static Func<int> ReturnsDelegate() => Pid;

    public static IComparable ReturnsComparable() => 5;

    /// <summary>Ends the worker process as a crash would: abruptly, with a non-zero code.</summary>
    public static int Exit(int code)
    {
        Environment.Exit(code);
        return code;
    }

    /// <summary>
    /// Blocks until the test releases it: connects to the test's pipe server, reports this process id (the test's
    /// "it runs now" signal) and waits for one byte. No polling, no sleeping.
    /// </summary>
    public static int Gate(string pipeName)
    {
        using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut);
        pipe.Connect(TimeSpan.FromSeconds(30));
        pipe.Write(BitConverter.GetBytes(Environment.ProcessId));
        pipe.Flush();
        return pipe.ReadByte() < 0 ? -1 : Environment.ProcessId;
    }

    /// <summary><paramref name="count"/> bytes of <see cref="PatternByte"/>: a large result that can be checked byte by byte.</summary>
    public static byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = PatternByte(i);
        }

        return bytes;
    }

    public static byte PatternByte(int index) => (byte)(index * 31 % 251);

    public static int Add(int a, int b) => a + b;

    public static void Nothing()
    {
    }

    public static void ThrowFromAction() => throw new InvalidOperationException("thrown by an Action");

    public static async Task<int> PidLater()
    {
        await Task.Yield();
        return Environment.ProcessId;
    }

    public static async Task<int> SquareLater(int n)
    {
        await Task.Yield();
        return n * n;
    }

    public static async Task ThrowLater()
    {
        await Task.Yield();
        throw new FormatException("thrown after an await");
    }

    /// <summary>Awaits until its token is cancelled (Shutdown with cancelFutures), then throws as Task.Delay does.</summary>
    public static async Task<int> UntilCancelled(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        return -1;
    }

    public static async Task UntilCancelledNoResult(CancellationToken token) => await Task.Delay(Timeout.Infinite, token);

    /// <summary><see cref="Gate"/>, then awaits until the token is cancelled: the test knows it runs before it cancels.</summary>
    public static async Task<int> GateThenUntilCancelled(string pipeName, CancellationToken token)
    {
        await using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        await pipe.ConnectAsync(30_000, token);
        await pipe.WriteAsync(BitConverter.GetBytes(Environment.ProcessId), token);
        await pipe.FlushAsync(token);
        await Task.Delay(Timeout.Infinite, token);
        return -1;
    }

    /// <summary><see cref="Gate"/> as an async method: it holds its worker until the test releases it.</summary>
    public static async Task<int> GateAsync(string pipeName)
    {
        await using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        await pipe.ConnectAsync(30_000);
        await pipe.WriteAsync(BitConverter.GetBytes(Environment.ProcessId));
        await pipe.FlushAsync();
        var released = new byte[1];
        return await pipe.ReadAsync(released) == 0 ? -1 : Environment.ProcessId;
    }

    /// <summary>Counts initializer runs in this process.</summary>
    public static void Initialize() => Interlocked.Increment(ref s_initialized);

    public static int InitializedCount() => Volatile.Read(ref s_initialized);

    public static void FailingInitializer() => throw new InvalidOperationException("initializer refused");

    private static int s_initialized;
}

public sealed record Point(int X, int Y, string Label);

/// <summary>An exception the parent cannot rebuild: no (string) constructor.</summary>
public sealed class CodeOnlyException(int code) : Exception($"failed with code {code}")
{
    public int Code { get; } = code;
}
