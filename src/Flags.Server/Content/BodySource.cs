namespace Flags.Server.Content;

/// <summary>
/// The bytes of a response body that can be produced from any offset: a body in memory or one generated on the
/// fly (<see cref="BlobBody"/>). The fault code cuts either the same way.
/// </summary>
internal abstract class BodySource
{
    /// <summary>The full length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="destination"/> with the bytes that start at <paramref name="offset"/>.</summary>
    public abstract void CopyTo(long offset, Span<byte> destination);
}

/// <summary>A body held in memory.</summary>
internal sealed class ArrayBody(byte[] body) : BodySource
{
    public override long Length => body.Length;

    public override void CopyTo(long offset, Span<byte> destination) => body.AsSpan((int)offset, destination.Length).CopyTo(destination);

    /// <summary>The bytes from <paramref name="offset"/>, without a copy.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, long count) => body.AsMemory((int)offset, (int)count);
}
