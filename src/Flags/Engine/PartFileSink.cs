using System.Buffers;

namespace Flags.Engine;

/// <summary>
/// Saves a body so that no partial file ever survives: it is written to <c>{target}.part</c> in the same folder,
/// checked against the announced length, then renamed over the target. Any failure or cancellation deletes
/// the .part file, so an existing target can always be trusted as complete.
/// </summary>
internal static class PartFileSink
{
    /// <summary>The suffix of files being written.</summary>
    public const string PartSuffix = ".part";

    private const int CopyBufferSize = 16 * 1024;

    /// <summary>The longest announced body read whole before its one write.</summary>
    private const int WholeBodyLimit = 64 * 1024;

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

            // A body whose announced length fits is read whole and written in one call (a 4 KB file arrives in one
            // or two reads); a longer or unannounced one goes in full buffers of CopyBufferSize.
            var buffer = ArrayPool<byte>.Shared.Rent(expectedLength is > 0 and <= WholeBodyLimit ? (int)expectedLength : CopyBufferSize);
            try
            {
                // Created with O_EXCL|O_NOFOLLOW (what is there is unlinked and the open tried once more), so a link
                // put at the .part path is never written through.
                using (var file = BigFiles.SafePartFile.CreateForWrite(partPath))
                {
                    var filled = 0;
                    var ended = false;
                    while (!ended)
                    {
                        var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                        ended = read == 0;
                        filled += read;
                        if (filled == buffer.Length || (ended && filled > 0))
                        {
                            // A synchronous write lands in the page cache at once; an async one would only hop to a
                            // thread-pool thread to do the same (Unix files have no true async I/O).
                            BigFiles.SafePartFile.Write(file, buffer.AsSpan(0, filled), length, partPath);
                            length += filled;
                            filled = 0;
                        }
                    }

                    bodyRead?.Invoke();

                    if (expectedLength is { } expected && length != expected)
                    {
                        throw new BodyLengthException(length, expected);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            // Nothing is buffered in this process (each write went straight to the file), so there is nothing to
            // flush; the rename makes the complete file appear at once.
            BigFiles.SafePartFile.Replace(partPath, targetPath);
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
