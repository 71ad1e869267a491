using System.Buffers.Binary;
using System.IO.Compression;

namespace Flags.Tests.Timeline;

/// <summary>Just enough PNG decoding to check a rendered picture: its size from IHDR and its 8-bit RGB(A) pixels.</summary>
internal sealed class Png
{
    private Png(int width, int height, byte[] pixels, int channels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
        Channels = channels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The unfiltered pixel bytes, row after row, <see cref="Channels"/> bytes a pixel.</summary>
    public byte[] Pixels { get; }

    public int Channels { get; }

    /// <summary>How many distinct pixel values the picture holds (1 means blank).</summary>
    public int DistinctColors()
    {
        var colors = new HashSet<int>();
        for (var i = 0; i + Channels <= Pixels.Length; i += Channels)
        {
            var value = 0;
            for (var c = 0; c < Channels; c++)
            {
                value = (value << 8) | Pixels[i + c];
            }

            colors.Add(value);
        }

        return colors.Count;
    }

    public static Png Read(byte[] file)
    {
        Assert.True(file.AsSpan(0, 8).SequenceEqual((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), "Not a PNG file.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]); // bit depth
                channels = data[9] switch { 2 => 3, 6 => 4, var other => throw new InvalidDataException($"PNG colour type {other} is not handled.") };
                Assert.Equal(0, data[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        return new Png(width, height, Unfilter(raw.ToArray(), width, height, channels), channels);
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            Span<byte> above = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? row[x - bpp] : 0, b = above[x], c = x >= bpp ? above[x - bpp] : 0;
                row[x] = (byte)(source[x] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter} is unknown."),
                });
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
