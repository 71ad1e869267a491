using System.Globalization;

namespace Flags.Engine.Connections;

/// <summary>
/// Says in words what an HTTP/2 error means for one download: "the server reset the stream (HTTP/2 INTERNAL_ERROR)"
/// instead of the handler's two-sentence message with its hex code.
/// </summary>
internal static class Http2Errors
{
    // RFC 9113, section 7.
    private static readonly string[] Names =
    [
        "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
        "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
        "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    ];

    /// <summary>The cause when <paramref name="exception"/> (or one inside it) is an HTTP/2 protocol error; null otherwise.</summary>
    public static string? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is HttpProtocolException protocol)
            {
                var code = protocol.ErrorCode is >= 0 and < 14 ? Names[(int)protocol.ErrorCode] : string.Create(CultureInfo.InvariantCulture, $"0x{protocol.ErrorCode:x}");
                var what = protocol.Message.Contains("reset the stream", StringComparison.Ordinal) ? "the server reset the stream" : "the HTTP/2 connection failed";
                return $"{what} (HTTP/2 {code})";
            }
        }

        return null;
    }
}
