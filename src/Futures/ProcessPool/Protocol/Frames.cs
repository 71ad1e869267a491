using System.Buffers.Binary;

namespace Futures.ProcessPool;

/// <summary>Reading length-prefixed frames from a pipe, and the message kinds each side sends.</summary>
internal static class Frames
{
    /// <summary>The largest frame either side accepts (256 MiB); a larger length means a corrupt stream.</summary>
    public const int MaxFrameLength = 256 * 1024 * 1024;

    /// <summary>The largest argument or result JSON: the frame limit less room for the fields around it.</summary>
    public const int MaxPayloadLength = MaxFrameLength - 64;

    /// <summary>A read buffer above this size is dropped after its frame, so one big message does not pin memory.</summary>
    public const int KeptBufferLength = 1024 * 1024;

    // Parent -> worker.
    public const byte Define = 1;        // int fnId, FunctionDescriptor
    public const byte Initialize = 2;    // int fnId: run this initializer once, before any task
    public const byte Call = 3;          // long taskId, int fnId, byte hasArgument, argument JSON
    public const byte CallChunk = 4;     // long taskId, int fnId, JSON array of arguments
    public const byte Cancel = 5;        // long taskId: cancel the token of that task (Shutdown with cancelFutures)

    // Worker -> parent.
    public const byte Result = 11;       // long taskId, result JSON
    public const byte ChunkResult = 12;  // long taskId, int count, int jsonLength, JSON array of results, [RemoteError]
    public const byte Error = 13;        // long taskId, RemoteError
    public const byte InitFailed = 14;   // RemoteError

    /// <summary>
    /// Reads one frame into <paramref name="buffer"/> (grown as needed) and returns its length, or -1 at a clean end of
    /// stream before a frame starts.
    /// </summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The length prefix is out of range.</exception>
    public static int Read(Stream stream, ref byte[] buffer)
    {
        Span<byte> prefix = stackalloc byte[4];
        var got = stream.ReadAtLeast(prefix, 4, throwOnEndOfStream: false);
        if (got == 0)
        {
            return -1;
        }

        if (got < 4)
        {
            throw new EndOfStreamException("The pipe closed inside a frame's length prefix.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is < 1 or > MaxFrameLength)
        {
            throw new InvalidDataException($"A frame claims {length} bytes; the stream is corrupt.");
        }

        if (buffer.Length < length)
        {
            buffer = new byte[Math.Min(Math.Max(length, buffer.Length * 2), MaxFrameLength)];
        }

        stream.ReadExactly(buffer, 0, length);
        return length;
    }
}
