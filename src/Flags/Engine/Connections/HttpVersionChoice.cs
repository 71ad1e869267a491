namespace Flags.Engine.Connections;

/// <summary>Which HTTP version the client speaks (<c>--http1.1</c>, <c>--http2</c>, or neither).</summary>
internal enum HttpVersionChoice
{
    /// <summary>HTTP/2 offered by ALPN on https (HTTP/1.1 if the server declines it); HTTP/1.1 on http. The default.</summary>
    Negotiate,

    /// <summary>HTTP/1.1 only, on https too (<c>--http1.1</c>, as curl's).</summary>
    Http11,

    /// <summary>HTTP/2 only: by ALPN on https, with prior knowledge (h2c) on http (<c>--http2</c>).</summary>
    Http2,
}
