using Microsoft.Extensions.Hosting;

namespace Flags.Server;

/// <summary>
/// A host lifetime that does nothing. The generic host's default console lifetime hooks Ctrl+C and SIGTERM and
/// swallows them, which would keep a CLI that embeds the server from stopping; the embedding program owns its
/// signals, and the server stops only through <see cref="FlagServer.DisposeAsync"/>.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
