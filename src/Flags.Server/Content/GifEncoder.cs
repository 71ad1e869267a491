using System.Buffers.Binary;

namespace Flags.Server.Content;

/// <summary>
/// A minimal GIF89a writer: one image, a global color table, LZW-compressed pixel indices (the GIF flavour of LZW:
/// variable code width 3..12 bits, clear code when the table is full, codes packed least significant bit first in
/// sub-blocks of at most 255 bytes).
/// </summary>
internal static class GifEncoder
{
    private const int MaxCodeBits = 12;
    private const int MaxCodes = 1 << MaxCodeBits;

    /// <summary>Encodes an indexed image.</summary>
    /// <param name="width">Width in pixels, 1..65535.</param>
    /// <param name="height">Height in pixels, 1..65535.</param>
    /// <param name="palette">RGB triples; 2, 4, 8, ... 256 colors.</param>
    /// <param name="pixels">Row-major color indices, <paramref name="width"/> × <paramref name="height"/> of them.</param>
    /// <exception cref="ArgumentException">Sizes or palette length are invalid, or an index is outside the palette.</exception>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, ushort.MaxValue);
        int colors = palette.Length / 3;
        if (palette.Length % 3 != 0 || colors < 2 || colors > 256 || (colors & (colors - 1)) != 0)
        {
            throw new ArgumentException("The palette must hold 2, 4, 8, ... or 256 RGB triples.", nameof(palette));
        }
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"Expected {width * height} pixels, got {pixels.Length}.", nameof(pixels));
        }

        int colorBits = int.Log2(colors);
        using var output = new MemoryStream(capacity: 1024 + palette.Length + pixels.Length / 2);

        // Header and logical screen descriptor.
        output.Write("GIF89a"u8);
        Span<byte> screen = stackalloc byte[7];
        BinaryPrimitives.WriteUInt16LittleEndian(screen, (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(screen[2..], (ushort)height);
        screen[4] = (byte)(0x80 | ((colorBits - 1) << 4) | (colorBits - 1)); // global table, resolution, size
        screen[5] = 0; // background color index
        screen[6] = 0; // no pixel aspect ratio
        output.Write(screen);
        output.Write(palette);

        // Image descriptor: the whole screen, no local table, not interlaced.
        Span<byte> descriptor = stackalloc byte[10];
        descriptor[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[1..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[3..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[5..], (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[7..], (ushort)height);
        descriptor[9] = 0;
        output.Write(descriptor);

        int minCodeSize = Math.Max(2, colorBits); // GIF requires at least 2
        output.WriteByte((byte)minCodeSize);
        WriteLzw(output, minCodeSize, colors, pixels);
        output.WriteByte(0x3B); // trailer
        return output.ToArray();
    }

    private static void WriteLzw(MemoryStream output, int minCodeSize, int colors, ReadOnlySpan<byte> pixels)
    {
        int clearCode = 1 << minCodeSize;
        int endCode = clearCode + 1;
        int nextCode = clearCode + 2;
        int codeSize = minCodeSize + 1;
        // The string table as a flat array: entry (prefix code, next pixel) holds the extending code, 0 for none
        // (0 is never a string code, those start at clearCode + 2). Much faster than a dictionary.
        var table = new short[MaxCodes * colors];
        var writer = new SubBlockWriter(output);

        writer.Write(clearCode, codeSize);
        int prefix = CheckIndex(pixels[0], colors);
        for (int i = 1; i < pixels.Length; i++)
        {
            int pixel = CheckIndex(pixels[i], colors);
            int key = (prefix * colors) + pixel;
            int code = table[key];
            if (code != 0)
            {
                prefix = code;
                continue;
            }

            writer.Write(prefix, codeSize);
            // The decoder adds its entries one code behind the encoder, so the width grows after the code written
            // once the table has reached 2^codeSize entries, not before it.
            if (nextCode == 1 << codeSize && codeSize < MaxCodeBits)
            {
                codeSize++;
            }
            if (nextCode < MaxCodes)
            {
                table[key] = (short)nextCode++;
            }
            else
            {
                writer.Write(clearCode, codeSize);
                Array.Clear(table);
                nextCode = clearCode + 2;
                codeSize = minCodeSize + 1;
            }
            prefix = pixel;
        }
        writer.Write(prefix, codeSize);
        if (nextCode == 1 << codeSize && codeSize < MaxCodeBits)
        {
            codeSize++; // the decoder grows here too, before it reads the end code
        }
        writer.Write(endCode, codeSize);
        writer.Finish();
    }

    private static int CheckIndex(byte index, int colors) =>
        index < colors ? index : throw new ArgumentException($"Pixel index {index} is outside the {colors}-color palette.");

    /// <summary>Packs codes LSB first and writes them as length-prefixed sub-blocks of at most 255 bytes.</summary>
    private struct SubBlockWriter(MemoryStream output)
    {
        private readonly byte[] _block = new byte[255];
        private int _count;
        private int _bits;
        private int _bitCount;

        public void Write(int code, int size)
        {
            _bits |= code << _bitCount;
            _bitCount += size;
            while (_bitCount >= 8)
            {
                Put((byte)_bits);
                _bits >>= 8;
                _bitCount -= 8;
            }
        }

        public void Finish()
        {
            if (_bitCount > 0)
            {
                Put((byte)_bits);
                _bits = 0;
                _bitCount = 0;
            }
            Flush();
            output.WriteByte(0); // block terminator
        }

        private void Put(byte value)
        {
            _block[_count++] = value;
            if (_count == _block.Length)
            {
                Flush();
            }
        }

        private void Flush()
        {
            if (_count == 0)
            {
                return;
            }
            output.WriteByte((byte)_count);
            output.Write(_block, 0, _count);
            _count = 0;
        }
    }
}
