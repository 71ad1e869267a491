using System.Buffers;
using System.Net.Sockets;
using Flags.Server.Content;

namespace Flags.Server.Http;

/// <summary>Writes a slice of a <see cref="BodySource"/> through one pooled buffer, however long the slice.</summary>
internal static class BodyStreaming
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Writes <paramref name="count"/> bytes from <paramref name="offset"/> to <paramref name="destination"/>.</summary>
    public static ValueTask<long> WriteAsync(Stream destination, BodySource body, long offset, long count, CancellationToken cancellationToken) =>
        CopyAsync(destination.WriteAsync, body, offset, count, cancellationToken);

    /// <summary>As <see cref="WriteAsync"/>, straight to a socket (around the server's output pipe).</summary>
    public static ValueTask<long> SendAsync(Socket socket, BodySource body, long offset, long count, CancellationToken cancellationToken) =>
        CopyAsync(
            async (chunk, token) => await socket.SendAsync(chunk, SocketFlags.None, token).ConfigureAwait(false),
            body,
            offset,
            count,
            cancellationToken);

    private static async ValueTask<long> CopyAsync(
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, BodySource body, long offset, long count, CancellationToken cancellationToken)
    {
        if (body is ArrayBody array)
        {
            await write(array.Slice(offset, count), cancellationToken).ConfigureAwait(false);
            return count;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkBytes, Math.Max(count, 1)));
        try
        {
            long sent = 0;
            while (sent < count)
            {
                int chunk = (int)Math.Min(buffer.Length, count - sent);
                body.CopyTo(offset + sent, buffer.AsSpan(0, chunk));
                await write(buffer.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false);
                sent += chunk;
            }
            return sent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
