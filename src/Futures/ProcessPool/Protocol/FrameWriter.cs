using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Futures.ProcessPool;

/// <summary>
/// Builds one frame of the parent-worker protocol in a reusable buffer: a 4-byte little-endian length, then a kind byte
/// and the message's fields. It is an <see cref="IBufferWriter{T}"/> so JSON payloads are written straight into it.
/// Shared by the pool and the worker host (compiled into both).
/// </summary>
internal sealed class FrameWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    public FrameWriter(int initialCapacity = 256) => _buffer = new byte[Math.Max(initialCapacity, 16)];

    /// <summary>The finished frame, length prefix included.</summary>
    public ReadOnlySpan<byte> Frame => _buffer.AsSpan(0, _length);

    /// <summary>Starts a new frame of <paramref name="kind"/>, discarding the previous one.</summary>
    public FrameWriter Begin(byte kind)
    {
        _length = 4; // room for the length prefix, patched by End
        WriteByte(kind);
        return this;
    }

    /// <summary>Writes the length prefix; <see cref="Frame"/> is then ready to send.</summary>
    public ReadOnlySpan<byte> End()
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - 4);
        return Frame;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>A nullable string: -1 for null, else the UTF-8 byte count and the bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Overwrites an Int32 written earlier at <paramref name="offset"/> (from the frame start).</summary>
    public void PatchInt32(int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(offset), value);

    /// <summary>The current offset from the frame start, to patch a count later.</summary>
    public int Position => _length;

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    /// <summary>Drops a large buffer after use, so that one big message does not pin memory for the pool's life.</summary>
    public void Trim(int keep = 64 * 1024)
    {
        if (_buffer.Length > keep)
        {
            _buffer = new byte[keep];
            _length = 0;
        }
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, _length + count);
        if (size < 0 || size > Frames.MaxFrameLength)
        {
            throw new InvalidOperationException(
                $"A process pool message would exceed {Frames.MaxFrameLength} bytes. Send smaller arguments or results.");
        }

        Array.Resize(ref _buffer, size);
    }
}
