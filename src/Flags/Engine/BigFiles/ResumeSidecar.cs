using System.Globalization;
using System.Text;

namespace Flags.Engine.BigFiles;

/// <summary>
/// The small file next to a kept <c>{target}.part</c>, <c>{target}.part.resume</c>: the URL, total length and
/// validator (a strong ETag, else Last-Modified) the part was fetched under. Written before the first body byte, so a
/// .part never outlives a download without one; read strictly: anything missing, unknown or malformed means the .part
/// is not trusted.
/// </summary>
/// <param name="Url">The URL as requested.</param>
/// <param name="Length">The full body length.</param>
/// <param name="ETag">The strong ETag, quotes included, or null.</param>
/// <param name="LastModified">The Last-Modified date as sent (RFC 1123), when there was no strong ETag.</param>
internal sealed record ResumeSidecar(string Url, long Length, string? ETag, string? LastModified)
{
    /// <summary>The sidecar's suffix after the target's name.</summary>
    public const string Suffix = ".part.resume";

    private const string Magic = "flags-resume 1";
    private const int MaxBytes = 16 * 1024;

    /// <summary>The validator for If-Range: the ETag, else the date.</summary>
    public string Validator => ETag ?? LastModified!;

    /// <summary>The sidecar path of <paramref name="targetPath"/>.</summary>
    public static string PathOf(string targetPath) => targetPath + Suffix;

    /// <summary>Writes the sidecar for <paramref name="targetPath"/> (replacing one there, never through a link).</summary>
    /// <exception cref="IOException">It could not be written.</exception>
    public void Write(string targetPath)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Magic}\nurl={Url}\nlength={Length}\n{(ETag is null ? $"last-modified={LastModified}" : $"etag={ETag}")}\n");
        using var handle = SafePartFile.CreateNew(PathOf(targetPath));
        RandomAccess.Write(handle, Encoding.UTF8.GetBytes(text), 0);
    }

    /// <summary>The sidecar of <paramref name="targetPath"/>, or null when it is missing, a link, or not exactly what <see cref="Write"/> writes.</summary>
    public static ResumeSidecar? TryRead(string targetPath)
    {
        string text;
        try
        {
            using var handle = SafePartFile.OpenExisting(PathOf(targetPath), write: false);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxBytes)
            {
                return null;
            }

            var bytes = new byte[length];
            var read = RandomAccess.Read(handle, bytes, 0);
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return null;
        }

        var lines = text.Split('\n');
        if (lines is not [Magic, var url, var size, var validator, ""]
            || !url.StartsWith("url=", StringComparison.Ordinal)
            || !size.StartsWith("length=", StringComparison.Ordinal)
            || !long.TryParse(size.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return null;
        }

        return validator switch
        {
            _ when validator.StartsWith("etag=\"", StringComparison.Ordinal) && validator.EndsWith('"') && validator.Length > 7 =>
                new ResumeSidecar(url[4..], total, validator[5..], null),
            _ when validator.StartsWith("last-modified=", StringComparison.Ordinal)
                && DateTimeOffset.TryParse(validator.AsSpan(14), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) =>
                new ResumeSidecar(url[4..], total, null, validator[14..]),
            _ => null,
        };
    }

    /// <summary>Deletes the sidecar of <paramref name="targetPath"/>, if any.</summary>
    public static void Delete(string targetPath) => SafePartFile.Delete(PathOf(targetPath));
}
