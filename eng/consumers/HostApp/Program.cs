// One silo on free 127.0.0.1 ports with the Futures workers, a ClusterExecutor on the silo's own client, and a
// thread pool from Futures.Hosting. Prints "cluster: ok" and "hosting: ok" and exits 0 when each gives the right
// results (and the hosted executor is shut down with the host), else prints why and exits 1.
using System.Net;
using System.Net.Sockets;
using Futures;
using Futures.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

var timeout = TimeSpan.FromSeconds(60);
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).AddFuturesWorkers());
builder.Services.AddThreadPoolExecutor("cpu", options => options.MaxWorkers = 2);
using var host = builder.Build();
using var startCancel = new CancellationTokenSource(timeout);
await host.StartAsync(startCancel.Token);
var status = 0;
try
{
    await using var executor = new ClusterExecutor(host.Services.GetRequiredService<IClusterClient>());
    long square = await executor.Submit(Jobs.Square, 12L);
    long[] squares = [.. executor.Map(Jobs.Square, [1L, 2L, 3L, 4L], timeout: timeout, chunkSize: 2)];
    var clusterOk = square == 144 && squares.SequenceEqual([1L, 4L, 9L, 16L]);
    Console.WriteLine(clusterOk ? "cluster: ok" : $"cluster: wrong results {square} {string.Join(',', squares)}");
    status |= clusterOk ? 0 : 1;
}
catch (Exception ex)
{
    Console.WriteLine($"cluster: failed: {ex}");
    status = 1;
}

var cpu = host.Services.GetRequiredKeyedService<Executor>("cpu");
var answer = await cpu.Submit(Jobs.Square, 7L).AsTask().WaitAsync(timeout);
using var stopCancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
await host.StopAsync(stopCancel.Token);
var refused = false;
try
{
    _ = cpu.Submit(Jobs.Square, 1L);
}
catch (InvalidOperationException)
{
    refused = true;
}

var hostingOk = answer == 49 && refused;
Console.WriteLine(hostingOk ? "hosting: ok" : $"hosting: result {answer}, {(refused ? "shut down" : "still taking work")} after the host stopped");
return status | (hostingOk ? 0 : 1);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal static class Jobs
{
    public static long Square(long n) => n * n;
}
