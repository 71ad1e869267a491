using System.Buffers.Binary;

namespace Flags.Server.Content;

/// <summary>
/// A deterministic pseudo-random body of any length (issue 17 part 6): byte <c>i</c> is byte <c>i % 8</c> of
/// SplitMix64(seed, i / 8), so any slice can be generated without the bytes before it, ranges are slices of the
/// full body, and the same (length, seed) gives the same bytes on every machine. Nothing is stored.
/// </summary>
internal sealed class BlobBody(long length, ulong seed) : BodySource
{
    private readonly ulong _key = SplitMix64.Mix(seed ^ 0xB10BB10BB10BB10BUL);

    public override long Length => length;

    /// <summary>The seed the bytes come from.</summary>
    public ulong Seed => seed;

    public override void CopyTo(long offset, Span<byte> destination)
    {
        long block = offset >> 3;
        int skip = (int)(offset & 7);
        Span<byte> word = stackalloc byte[8];
        int written = 0;
        if (skip != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Word(block++));
            int take = Math.Min(8 - skip, destination.Length);
            word.Slice(skip, take).CopyTo(destination);
            written = take;
        }
        while (destination.Length - written >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Word(block++));
            written += 8;
        }
        if (written < destination.Length)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, Word(block));
            word[..(destination.Length - written)].CopyTo(destination[written..]);
        }
    }

    private ulong Word(long block) => SplitMix64.Mix(_key + ((ulong)block * 0x9E3779B97F4A7C15));
}
