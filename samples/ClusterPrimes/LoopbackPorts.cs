using System.Net;
using System.Net.Sockets;

namespace ClusterPrimes;

/// <summary>Free TCP ports on 127.0.0.1, for run.sh, the tests and the benchmark that start silos on one machine.</summary>
public static class LoopbackPorts
{
    /// <summary>Finds <paramref name="count"/> free ports by binding port 0 (all held until all are found, so they differ).</summary>
    public static IReadOnlyList<int> Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
