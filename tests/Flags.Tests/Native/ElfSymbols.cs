using System.Buffers.Binary;
using System.Text;

namespace Flags.Tests.Native;

/// <summary>
/// The symbols of one section of a 64-bit little-endian ELF file (an executable or the flags.dbg that publish writes
/// beside it): name to address, the first address where a name appears twice.
/// </summary>
public static class ElfSymbols
{
    private const uint SymbolTableType = 2;
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;

    /// <summary>The symbols defined in the section named <paramref name="sectionName"/> of <paramref name="path"/>.</summary>
    public static IReadOnlyDictionary<string, ulong> InSection(string path, string sectionName)
    {
        var file = File.ReadAllBytes(path);
        if (file.Length < 64 || file[0] != 0x7f || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F' || file[4] != 2 || file[5] != 1)
        {
            throw new InvalidDataException($"'{path}' is not a 64-bit little-endian ELF file.");
        }

        var sectionHeaders = checked((int)U64(file, 0x28));
        var sectionCount = U16(file, 0x3C);
        var namesIndex = U16(file, 0x3E);
        ReadOnlySpan<byte> Header(int index) => file.AsSpan(sectionHeaders + (index * SectionHeaderSize), SectionHeaderSize);
        var sectionNames = checked((int)U64(Header(namesIndex), 0x18));

        var wanted = -1;
        var symbolTable = -1;
        for (var i = 0; i < sectionCount; i++)
        {
            var header = Header(i);
            if (CString(file, sectionNames + (int)U32(header, 0)) == sectionName)
            {
                wanted = i;
            }

            if (U32(header, 4) == SymbolTableType)
            {
                symbolTable = i;
            }
        }

        if (wanted < 0 || symbolTable < 0)
        {
            throw new InvalidDataException($"'{path}' has no {(wanted < 0 ? $"section {sectionName}" : "symbol table")}.");
        }

        var table = Header(symbolTable);
        var strings = checked((int)U64(Header((int)U32(table, 0x28)), 0x18));
        var symbols = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var start = checked((int)U64(table, 0x18));
        var end = start + checked((int)U64(table, 0x20));
        for (var offset = start; offset + SymbolSize <= end; offset += SymbolSize)
        {
            var symbol = file.AsSpan(offset, SymbolSize);
            if (U16(symbol, 6) == wanted)
            {
                symbols.TryAdd(CString(file, strings + (int)U32(symbol, 0)), U64(symbol, 8));
            }
        }

        return symbols;
    }

    private static ushort U16(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);

    private static ulong U64(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(bytes[offset..]);

    private static string CString(byte[] file, int offset) => Encoding.UTF8.GetString(file, offset, Array.IndexOf(file, (byte)0, offset) - offset);
}
