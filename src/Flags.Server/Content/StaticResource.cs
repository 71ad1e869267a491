using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Flags.Server.Content;

/// <summary>
/// One servable body held in memory with its validators, header values made once so the hot path does not
/// allocate them per request.
/// </summary>
internal sealed class StaticResource
{
    public StaticResource(byte[] body, string contentType, DateTimeOffset lastModified)
    {
        Body = body;
        ContentType = new StringValues(contentType);
        // HTTP dates have one-second resolution; comparisons with If-Modified-Since must use the same.
        LastModified = new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        LastModifiedHeader = new StringValues(LastModified.ToString("R", CultureInfo.InvariantCulture));
        // A strong validator from the content: the same bytes give the same tag in every process.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        ETag = "\"" + Convert.ToHexStringLower(hash[..8]) + "\"";
        ETagHeader = new StringValues(ETag);
    }

    public byte[] Body { get; }

    public StringValues ContentType { get; }

    public DateTimeOffset LastModified { get; }

    public StringValues LastModifiedHeader { get; }

    /// <summary>The entity tag, quotes included.</summary>
    public string ETag { get; }

    public StringValues ETagHeader { get; }
}
