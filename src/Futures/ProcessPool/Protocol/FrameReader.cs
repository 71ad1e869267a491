using System.Buffers.Binary;
using System.Text;

namespace Futures.ProcessPool;

/// <summary>Reads the fields of one received frame (the kind byte first), in the order <see cref="FrameWriter"/> wrote them.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> frame)
{
    private readonly ReadOnlySpan<byte> _frame = frame;
    private int _position;

    public readonly ReadOnlySpan<byte> Remaining => _frame[_position..];

    public byte ReadByte() => _frame[_position++];

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_frame[_position..]);
        _position += 4;
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_frame[_position..]);
        _position += 8;
        return value;
    }

    public string? ReadString()
    {
        var count = ReadInt32();
        if (count < 0)
        {
            return null;
        }

        var value = Encoding.UTF8.GetString(_frame.Slice(_position, count));
        _position += count;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        var bytes = _frame.Slice(_position, count);
        _position += count;
        return bytes;
    }
}
