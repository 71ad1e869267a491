using System.Runtime.CompilerServices;
using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Flags.Engine.BigFiles;

/// <summary>
/// Streams a body into a file at an offset through one fixed buffer (so memory stays flat whatever the size), feeding
/// the hash, the rate limits and the progress as it goes, and failing a read that brings nothing for the idle timeout.
/// </summary>
internal sealed class BodyCopier
{
    /// <summary>The largest read, and so the largest burst a rate limit lets through.</summary>
    public const int MaxChunk = 64 * 1024;

    private readonly TokenBucket? _overall;
    private readonly TimeSpan _idle;
    private readonly ITransferProgress? _progress;
    private readonly int _chunk;

    /// <summary>Creates the copier for one run.</summary>
    /// <param name="overall">The run's --limit-rate, or null.</param>
    /// <param name="perFileRate">--limit-rate-per-file, or null.</param>
    /// <param name="idle">How long one read may bring nothing (--timeout).</param>
    /// <param name="progress">The display, or null.</param>
    public BodyCopier(TokenBucket? overall, long? perFileRate, TimeSpan idle, ITransferProgress? progress)
    {
        _overall = overall;
        PerFileRate = perFileRate;
        _idle = idle;
        _progress = progress;

        // A slow limit reads smaller pieces, so even one buffer is no visible burst (1/16 s of the rate).
        var slowest = Math.Min(overall?.BytesPerSecond ?? long.MaxValue, perFileRate ?? long.MaxValue);
        _chunk = (int)Math.Clamp(slowest / 16, 1024, MaxChunk);
    }

    /// <summary>--limit-rate-per-file, or null.</summary>
    public long? PerFileRate { get; }

    /// <summary>The read size: <see cref="MaxChunk"/>, or less under a slow rate limit.</summary>
    public int Chunk => _chunk;

    /// <summary>
    /// Copies up to <paramref name="limit"/> bytes (all of the body when null) of <paramref name="body"/> into
    /// <paramref name="file"/> from <paramref name="offset"/>; returns the bytes copied.
    /// </summary>
    /// <exception cref="IOException">Reading or writing failed, or no byte came for the idle timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks><paramref name="written"/>, when given, grows by each chunk written, also when the copy then fails.</remarks>
    public async Task<long> CopyAsync(
        Stream body, SafeFileHandle file, long offset, long? limit, DownloadJob job, FileDigests? hash, TokenBucket? perFile, CancellationToken cancellationToken, StrongBox<long>? written = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_chunk);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long copied = 0;
        try
        {
            while (limit is not { } max || copied < max)
            {
                var want = (int)Math.Min(_chunk, (limit ?? long.MaxValue) - copied);
                idle.CancelAfter(_idle);
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, want), idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new IOException($"no data for {_idle.TotalSeconds:0.###}s");
                }

                if (read == 0)
                {
                    break;
                }

                RandomAccess.Write(file, buffer.AsSpan(0, read), offset + copied);
                hash?.Append(buffer.AsSpan(0, read));
                copied += read;
                if (written is not null)
                {
                    // Counted as it goes, so a range that breaks off is retried from the byte it reached.
                    written.Value += read;
                }

                _progress?.Add(job, read);
                if (_overall is not null)
                {
                    await _overall.TakeAsync(read, cancellationToken).ConfigureAwait(false);
                }

                if (perFile is not null)
                {
                    await perFile.TakeAsync(read, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copied;
    }

    /// <summary>Hashes the first <paramref name="length"/> bytes of <paramref name="file"/> (a kept prefix, or a split file once done).</summary>
    public static void HashPrefix(SafeFileHandle file, long length, FileDigests hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxChunk);
        try
        {
            for (long at = 0; at < length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(MaxChunk, length - at)), at);
                if (read == 0)
                {
                    throw new IOException("the .part file is shorter than its sidecar says");
                }

                hash.Append(buffer.AsSpan(0, read));
                at += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
