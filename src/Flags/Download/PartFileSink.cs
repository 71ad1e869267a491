namespace Flags.Download;

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
    /// <exception cref="ShortBodyException">The body is not <paramref name="expectedLength"/> bytes long.</exception>
    /// <exception cref="IOException">Reading the body or writing the file failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<long> SaveAsync(Stream body, long? expectedLength, string targetPath, CancellationToken cancellationToken)
    {
        var partPath = targetPath + PartSuffix;
        try
        {
            long length;
            var file = new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            await using (file.ConfigureAwait(false))
            {
                await body.CopyToAsync(file, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                length = file.Length;
                if (expectedLength is { } expected && length != expected)
                {
                    throw new ShortBodyException(length, expected);
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
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
