using System.Buffers;

namespace Flags.Engine;

/// <summary>
/// Saves a body so that no partial file ever survives: it is written to <c>{target}.part</c> in the same folder,
/// checked against the announced length, flushed, then renamed over the target. Any failure or cancellation deletes
/// the .part file, so an existing target can always be trusted as complete.
/// </summary>
internal static class PartFileSink
{
    /// <summary>The suffix of files being written.</summary>
    public const string PartSuffix = ".part";

    private const int CopyBufferSize = 16 * 1024;

    /// <summary>Streams <paramref name="body"/> into <paramref name="targetPath"/> and returns the bytes written.</summary>
    /// <exception cref="BodyLengthException">The body is not <paramref name="expectedLength"/> bytes long.</exception>
    /// <exception cref="IOException">Reading the body or writing the file failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<long> SaveAsync(Stream body, long? expectedLength, string targetPath, CancellationToken cancellationToken) =>
        SaveAsync(body, expectedLength, targetPath, bodyRead: null, cancellationToken);

    /// <summary>
    /// As above, calling <paramref name="bodyRead"/> once the last byte is read, before the length check, flush and
    /// rename (the timeline's end of "receiving"); null for no call.
    /// </summary>
    public static async Task<long> SaveAsync(Stream body, long? expectedLength, string targetPath, Action? bodyRead, CancellationToken cancellationToken)
    {
        var partPath = targetPath + PartSuffix;
        try
        {
            long length = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                // Created with O_EXCL after removing what was there, so a link put at the .part path is never written through.
                using var file = new FileStream(BigFiles.SafePartFile.CreateNew(partPath), FileAccess.Write, bufferSize: 0);
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    // A synchronous write of a small chunk lands in the page cache at once; an async one would only
                    // hop to a thread-pool thread to do the same (Unix files have no true async I/O).
                    file.Write(buffer, 0, read);
                    length += read;
                }

                bodyRead?.Invoke();

                if (expectedLength is { } expected && length != expected)
                {
                    throw new BodyLengthException(length, expected);
                }

                file.Flush();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            File.Move(partPath, targetPath, overwrite: true);
            return length;
        }
        catch
        {
            TryDelete(partPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
