using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Futures.ProcessPool;

/// <summary>
/// Builds one frame of the parent-worker protocol in a reusable buffer: a 4-byte little-endian length, then a kind byte
/// and the message's fields. It is an <see cref="IBufferWriter{T}"/> so JSON payloads are written straight into it.
/// Shared by the pool and the worker host (compiled into both).
/// </summary>
/// <remarks>
/// The limit (<see cref="Frames.MaxFrameLength"/>) is on the frame's real length. Exact writes check it as they go;
/// the buffer itself may grow past it when a serializer asks for room by a worst-case hint (Utf8JsonWriter asks three
/// bytes per character of a string), and <see cref="CheckLength"/> then judges the bytes actually written.
/// </remarks>
internal sealed class FrameWriter : IBufferWriter<byte>
{
    private readonly int _maxFrameLength;
    private byte[] _buffer;
    private int _length;

    /// <param name="initialCapacity">The buffer's first size.</param>
    /// <param name="maxFrameLength">The largest frame, kind byte and fields (tests make it small).</param>
    public FrameWriter(int initialCapacity = 256, int maxFrameLength = Frames.MaxFrameLength)
    {
        _buffer = new byte[Math.Max(initialCapacity, 16)];
        _maxFrameLength = maxFrameLength;
    }

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
    /// <exception cref="InvalidOperationException">The frame is longer than the limit.</exception>
    public ReadOnlySpan<byte> End()
    {
        CheckLength();
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - 4);
        return Frame;
    }

    /// <summary>Throws if the frame written so far is longer than the limit; call it where a failure can be reported.</summary>
    /// <exception cref="InvalidOperationException">The frame is longer than the limit.</exception>
    public void CheckLength()
    {
        if (_length - 4L > _maxFrameLength)
        {
            throw TooLong(_length - 4L, exact: true);
        }
    }

    public void WriteByte(byte value)
    {
        Ensure(1, exact: true);
        _buffer[_length++] = value;
    }

    public void WriteInt32(int value)
    {
        Ensure(4, exact: true);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8, exact: true);
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
        Ensure(count, exact: true);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length, exact: true);
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
        Ensure(Math.Max(sizeHint, 1), exact: false);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1), exact: false);
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

    /// <summary>
    /// Makes room for <paramref name="count"/> more bytes: those bytes will be written (<paramref name="exact"/>), so
    /// the limit applies now, or a serializer's worst-case hint, which may reach past the limit as long as the buffer
    /// can hold it. Growth doubles, but not past the limit unless the need itself does.
    /// </summary>
    private void Ensure(int count, bool exact)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var needed = (long)_length + count;
        if ((exact && needed - 4 > _maxFrameLength) || needed > Array.MaxLength)
        {
            throw TooLong(needed - 4, exact);
        }

        var doubled = Math.Min((long)_buffer.Length * 2, _maxFrameLength + 4L);
        Array.Resize(ref _buffer, (int)Math.Max(doubled, needed));
    }

    private InvalidOperationException TooLong(long length, bool exact)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var limit = string.Create(culture, $"the limit is {_maxFrameLength:N0} bytes ({_maxFrameLength / (1024.0 * 1024):0.##} MiB)");
        var what = exact
            ? string.Create(culture, $"A process pool message of {length:N0} bytes is too long: {limit}.")
            : string.Create(culture, $"A process pool message asked for room for {length:N0} bytes, more than one buffer holds; {limit}.");
        return new InvalidOperationException($"{what} Send smaller arguments or results, or split the work.");
    }
}
