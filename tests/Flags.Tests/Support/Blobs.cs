using System.Globalization;
using System.Security.Cryptography;
using Flags.Server.Content;

namespace Flags.Tests.Support;

/// <summary>
/// The server's generated blobs, computed here from the same generator (<see cref="BlobBody"/>) so tests know the
/// expected bytes without fetching them, and the server's request log read back as data.
/// </summary>
public static class Blobs
{
    /// <summary>The SHA-256 of the blob (<paramref name="length"/>, <paramref name="seed"/>), streamed through one buffer.</summary>
    public static string Sha256(long length, ulong seed, long count = -1)
    {
        var body = new BlobBody(length, seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var end = count < 0 ? length : count;
        for (long at = 0; at < end; at += buffer.Length)
        {
            var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at));
            body.CopyTo(at, span);
            hash.AppendData(span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes the first <paramref name="count"/> bytes of the blob to <paramref name="path"/> (a kept .part, as a run leaves it).</summary>
    public static void WritePrefix(string path, long length, ulong seed, long count)
    {
        var body = new BlobBody(length, seed);
        var bytes = new byte[count];
        body.CopyTo(0, bytes);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The SHA-256 of a file, streamed.</summary>
    public static string FileSha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>The requests of a server's log whose path starts with /blob/: status and body bytes sent, in order.</summary>
    public static List<(int Status, long Bytes)> Requests(string log) =>
        log.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length > 5 && parts[2].StartsWith("/blob/", StringComparison.Ordinal))
            .Select(parts => (int.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture)))
            .ToList();
}
