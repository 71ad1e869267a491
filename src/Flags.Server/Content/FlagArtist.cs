namespace Flags.Server.Content;

/// <summary>
/// Paints the built-in flag of a country code: a striped or blocked design whose layout, size and 16-color palette
/// come from a hash of the code, with a fine woven texture in one field so that the GIF sizes fall where real flags
/// do (1-30 KB). Deterministic: the same code gives the same bytes in every process and on every machine.
/// </summary>
internal static class FlagArtist
{
    private const int Colors = 16;

    /// <summary>Paints <paramref name="code"/> and encodes it as a GIF89a file.</summary>
    /// <param name="code">Two ASCII letters, either case.</param>
    public static byte[] Paint(string code)
    {
        var random = new SplitMix64(Fnv1a(code.ToUpperInvariant()));
        int width = 300 + (random.Next(10) * 30);                                 // 300..570
        int height = Math.Clamp(width * (random.Next(3) + 4) / 8, 200, 380);  // ratios 1:2, 5:8, 3:4
        byte[] palette = MakePalette(ref random);
        var pixels = new byte[width * height];

        Layout layout = (Layout)random.Next(4);
        int stripes = 2 + random.Next(3);
        int[] fieldColors = new int[stripes + 1];
        for (int i = 0; i < fieldColors.Length; i++)
        {
            // Neighbours differ so that every stripe shows.
            int color;
            do
            {
                color = random.Next(Colors / 2);
            }
            while (i > 0 && color == fieldColors[i - 1]);
            fieldColors[i] = color;
        }

        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)fieldColors[Field(layout, stripes, x, y, width, height)];
            }
        }

        // The woven texture: a block whose cells alternate between a color and its shade by a hash of the cell, so
        // that it does not compress away. Its area sets the file size.
        int cell = 1 + random.Next(3);
        int blockWidth = width * (3 + random.Next(6)) / 10;
        int blockHeight = height * (3 + random.Next(6)) / 10;
        int blockColor = fieldColors[^1];
        ulong weave = random.NextUInt64();
        for (int y = 0; y < blockHeight; y++)
        {
            for (int x = 0; x < blockWidth; x++)
            {
                ulong bit = SplitMix64.Mix(weave ^ ((ulong)(x / cell) << 32) ^ (ulong)(y / cell)) & 1;
                pixels[(y * width) + x] = (byte)(blockColor + (bit == 1 ? Colors / 2 : 0));
            }
        }

        return GifEncoder.Encode(width, height, palette, pixels);
    }

    private enum Layout
    {
        HorizontalStripes,
        VerticalStripes,
        Cross,
        Diagonal,
    }

    /// <summary>Which field (index into the field colors) pixel (x, y) belongs to.</summary>
    private static int Field(Layout layout, int stripes, int x, int y, int width, int height) => layout switch
    {
        Layout.HorizontalStripes => y * stripes / height,
        Layout.VerticalStripes => x * stripes / width,
        // A Nordic cross: the arms are the last field, the background the first.
        Layout.Cross => Math.Abs(y - (height / 2)) < height / 10 || Math.Abs(x - (width * 3 / 8)) < height / 10
            ? stripes
            : 0,
        Layout.Diagonal => Math.Min(stripes - 1, ((x * height) + (y * width)) * stripes / (2 * width * height)),
        _ => 0,
    };

    /// <summary>Eight saturated colors and, at index + 8, a darker shade of each.</summary>
    private static byte[] MakePalette(ref SplitMix64 random)
    {
        var palette = new byte[Colors * 3];
        for (int i = 0; i < Colors / 2; i++)
        {
            int r = random.Next(256), g = random.Next(256), b = random.Next(256);
            int strongest = random.Next(3); // push one channel up so colors are vivid rather than grey
            if (strongest == 0) r = 200 + (r % 56);
            else if (strongest == 1) g = 200 + (g % 56);
            else b = 200 + (b % 56);
            palette[i * 3] = (byte)r;
            palette[(i * 3) + 1] = (byte)g;
            palette[(i * 3) + 2] = (byte)b;
            palette[(i + (Colors / 2)) * 3] = (byte)(r * 3 / 4);
            palette[((i + (Colors / 2)) * 3) + 1] = (byte)(g * 3 / 4);
            palette[((i + (Colors / 2)) * 3) + 2] = (byte)(b * 3 / 4);
        }
        return palette;
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }
        return hash;
    }
}
