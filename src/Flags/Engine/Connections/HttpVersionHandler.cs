using System.Net;

namespace Flags.Engine.Connections;

/// <summary>
/// Gives every request the version the settings ask for, whoever made it (the fetcher, a big-file range, the code
/// list): <see cref="HttpRequestMessage"/> starts at HTTP/1.1 whatever the client's defaults say.
/// </summary>
internal sealed class HttpVersionHandler(HttpVersionChoice choice, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Apply(request);
        return base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Apply(request);
        return base.Send(request, cancellationToken);
    }

    private void Apply(HttpRequestMessage request)
    {
        switch (choice)
        {
            case HttpVersionChoice.Http11:
                (request.Version, request.VersionPolicy) = (HttpVersion.Version11, HttpVersionPolicy.RequestVersionExact);
                break;
            case HttpVersionChoice.Http2:
                // Exact: over http this is h2c with prior knowledge; over https ALPN must pick h2.
                (request.Version, request.VersionPolicy) = (HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);
                break;
            default:
                if (request.RequestUri?.Scheme == Uri.UriSchemeHttps)
                {
                    // Offer h2 and http/1.1 by ALPN; the server chooses.
                    (request.Version, request.VersionPolicy) = (HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower);
                }

                break;
        }
    }
}
