using System.Net.Http;
using System.Net.Sockets;

namespace Flags.Timeline;

/// <summary>
/// Times new connections for the timeline: a <see cref="SocketsHttpHandler.ConnectCallback"/> that connects as the
/// handler's own default does (TCP, no Nagle) and stamps start and end into the <see cref="ConnectStamps"/> of the
/// request that caused the connection.
/// </summary>
/// <remarks>
/// The handler may hand a new connection to another waiting request than the one that opened it; the stamps go
/// to the one that opened it (<see cref="SocketsHttpConnectionContext.InitialRequestMessage"/>), which is what an
/// observer outside the handler can know.
/// </remarks>
internal static class TimelineConnect
{
    /// <summary>The request option that holds a request's <see cref="ConnectStamps"/>.</summary>
    public static readonly HttpRequestOptionsKey<ConnectStamps> Key = new("Flags.Timeline.Connect");

    /// <summary>
    /// The callback for <paramref name="recorder"/>, or null when it is off: leave the handler's default in place,
    /// so the run without <c>--timeline</c> is exactly the run without this feature.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? Callback(TimelineRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        if (!recorder.Enabled)
        {
            return null;
        }

        return async (context, cancellationToken) =>
        {
            context.InitialRequestMessage.Options.TryGetValue(Key, out var stamps);
            if (stamps is not null)
            {
                stamps.Start = recorder.Now();
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (stamps is not null)
            {
                stamps.End = recorder.Now();
            }

            return new NetworkStream(socket, ownsSocket: true);
        };
    }
}
