namespace Flags.Server.Tests.Support;

/// <summary>A decoded single-image GIF.</summary>
public sealed record GifImage(string Version, int Width, int Height, int ColorCount, byte[] Pixels);

/// <summary>
/// An independent GIF decoder for the tests: checks every structural part (header, logical screen, color table,
/// image descriptor, LZW data in sub-blocks, trailer) and decodes the pixels. Throws
/// <see cref="InvalidDataException"/> at the first malformed byte.
/// </summary>
public static class GifReader
{
    public static GifImage Read(byte[] gif)
    {
        int pos = 0;
        string version = System.Text.Encoding.ASCII.GetString(gif, 0, 6);
        if (version is not ("GIF89a" or "GIF87a"))
        {
            throw new InvalidDataException($"Bad signature '{version}'.");
        }
        pos = 6;
        int width = gif[pos] | (gif[pos + 1] << 8);
        int height = gif[pos + 2] | (gif[pos + 3] << 8);
        byte packed = gif[pos + 4];
        pos += 7;
        int colors = 0;
        if ((packed & 0x80) != 0)
        {
            colors = 1 << ((packed & 7) + 1);
            pos += colors * 3;
        }

        byte[]? pixels = null;
        while (true)
        {
            byte block = gif[pos++];
            if (block == 0x3B)
            {
                if (pos != gif.Length)
                {
                    throw new InvalidDataException($"{gif.Length - pos} bytes after the trailer.");
                }
                break;
            }
            if (block == 0x21)
            {
                pos++; // extension label
                pos = SkipSubBlocks(gif, pos);
                continue;
            }
            if (block != 0x2C)
            {
                throw new InvalidDataException($"Unexpected block 0x{block:X2} at {pos - 1}.");
            }
            int left = gif[pos] | (gif[pos + 1] << 8);
            int top = gif[pos + 2] | (gif[pos + 3] << 8);
            int imageWidth = gif[pos + 4] | (gif[pos + 5] << 8);
            int imageHeight = gif[pos + 6] | (gif[pos + 7] << 8);
            byte imagePacked = gif[pos + 8];
            pos += 9;
            if (left != 0 || top != 0 || imageWidth != width || imageHeight != height)
            {
                throw new InvalidDataException("The image does not cover the logical screen.");
            }
            if ((imagePacked & 0x80) != 0)
            {
                colors = 1 << ((imagePacked & 7) + 1);
                pos += colors * 3;
            }
            int minCodeSize = gif[pos++];
            var data = new List<byte>();
            while (true)
            {
                int length = gif[pos++];
                if (length == 0)
                {
                    break;
                }
                data.AddRange(gif.AsSpan(pos, length));
                pos += length;
            }
            pixels = DecodeLzw([.. data], minCodeSize, width * height, colors);
        }
        return pixels is null
            ? throw new InvalidDataException("No image descriptor.")
            : new GifImage(version, width, height, colors, pixels);
    }

    private static int SkipSubBlocks(byte[] gif, int pos)
    {
        while (gif[pos] != 0)
        {
            pos += gif[pos] + 1;
        }
        return pos + 1;
    }

    private static byte[] DecodeLzw(byte[] data, int minCodeSize, int pixelCount, int colors)
    {
        int clear = 1 << minCodeSize;
        int end = clear + 1;
        var prefixes = new int[4096];
        var suffixes = new byte[4096];
        var lengths = new int[4096];
        var output = new List<byte>(pixelCount);
        int codeSize = minCodeSize + 1;
        int next = clear + 2;
        int previous = -1;
        int bitPos = 0;
        var stack = new byte[4096];
        for (int i = 0; i < clear; i++)
        {
            suffixes[i] = (byte)i;
            lengths[i] = 1;
            prefixes[i] = -1;
        }

        while (true)
        {
            if (bitPos + codeSize > data.Length * 8)
            {
                throw new InvalidDataException("LZW data ended without an end code.");
            }
            int code = 0;
            for (int b = 0; b < codeSize; b++, bitPos++)
            {
                code |= ((data[bitPos >> 3] >> (bitPos & 7)) & 1) << b;
            }
            if (code == clear)
            {
                codeSize = minCodeSize + 1;
                next = clear + 2;
                previous = -1;
                continue;
            }
            if (code == end)
            {
                break;
            }
            if (previous < 0)
            {
                if (code >= clear)
                {
                    throw new InvalidDataException($"First code {code} after a clear is not a color.");
                }
                output.Add((byte)code);
                previous = code;
                continue;
            }
            int first;
            if (code < next)
            {
                first = Emit(code);
            }
            else if (code == next)
            {
                // The KwKwK case: the code being defined right now.
                int firstOfPrevious = FirstOf(previous);
                Emit(previous);
                output.Add((byte)firstOfPrevious);
                first = firstOfPrevious;
            }
            else
            {
                throw new InvalidDataException($"Code {code} is beyond the table ({next}).");
            }
            if (next < 4096)
            {
                prefixes[next] = previous;
                suffixes[next] = (byte)first;
                lengths[next] = lengths[previous] + 1;
                next++;
                if (next == 1 << codeSize && codeSize < 12)
                {
                    codeSize++;
                }
            }
            previous = code;
        }

        if (output.Count != pixelCount)
        {
            throw new InvalidDataException($"Decoded {output.Count} pixels, expected {pixelCount}.");
        }
        foreach (byte pixel in output)
        {
            if (pixel >= colors)
            {
                throw new InvalidDataException($"Pixel index {pixel} outside the {colors}-color table.");
            }
        }
        return [.. output];

        int Emit(int code)
        {
            int length = lengths[code];
            for (int i = length - 1, c = code; i >= 0; i--, c = prefixes[c])
            {
                stack[i] = suffixes[c];
            }
            output.AddRange(stack.AsSpan(0, length));
            return stack[0];
        }

        int FirstOf(int code)
        {
            while (prefixes[code] >= 0)
            {
                code = prefixes[code];
            }
            return suffixes[code];
        }
    }
}
