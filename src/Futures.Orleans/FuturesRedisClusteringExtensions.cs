using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Orleans.Hosting;

/// <summary>
/// Cluster membership in Redis for the silos and clients of a <see cref="Futures.Orleans.ClusterExecutor"/>: each silo
/// writes its row (address, status, gateway port) into one Redis hash, and clients read the gateways from it, so that a
/// silo or a client started anywhere needs only the Redis address.
/// </summary>
/// <remarks>
/// Redis must keep its data across a restart (AOF or RDB persistence, or a replica): a silo's row is written when it
/// joins, and a Redis that comes back empty hides the running silos from new silos and from clients' gateway lists
/// until they restart. Orleans' membership timeouts are left at their defaults; see docs/cluster.md for the values a
/// test on one machine can use instead.
/// </remarks>
public static class FuturesRedisClusteringExtensions
{
    /// <summary>The cluster id used when none is given: silos and clients with the same Redis and id form one cluster.</summary>
    public const string DefaultClusterId = "futures";

    /// <summary>The Orleans service id of every Futures cluster (what Orleans keys durable state by; Futures keeps none).</summary>
    public const string ServiceId = "Futures.Orleans";

    /// <summary>Makes this silo keep its membership in Redis, and find the other silos there.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">
    /// A StackExchange.Redis configuration string: <c>HOST:PORT</c> (for example <c>redis:6379</c>), optionally with options
    /// such as <c>,password=...,ssl=true</c>.
    /// </param>
    /// <param name="clusterId">The cluster to join; the same on every silo and client of one cluster.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a Redis configuration string, or <paramref name="clusterId"/> is empty.</exception>
    public static ISiloBuilder UseFuturesRedisClustering(this ISiloBuilder builder, string connectionString, string clusterId = DefaultClusterId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (cluster, redis) = Options(connectionString, clusterId);
        return builder.Configure(cluster).UseRedisClustering(redis);
    }

    /// <summary>Makes this client find the cluster's gateways in Redis, and follow silos as they join and leave.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">The silos' Redis, as for <see cref="UseFuturesRedisClustering(ISiloBuilder, string, string)"/>.</param>
    /// <param name="clusterId">The silos' cluster id.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is not a Redis configuration string, or <paramref name="clusterId"/> is empty.</exception>
    public static IClientBuilder UseFuturesRedisClustering(this IClientBuilder builder, string connectionString, string clusterId = DefaultClusterId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (cluster, redis) = Options(connectionString, clusterId);
        return builder.Configure(cluster).UseRedisClustering(redis);
    }

    /// <summary>The same settings for silos and clients: one cluster id, one service id, one Redis.</summary>
    private static (Action<ClusterOptions> Cluster, Action<Orleans.Clustering.Redis.RedisClusteringOptions> Redis) Options(string connectionString, string clusterId)
    {
        var redis = ParseRedis(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return (o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId), o => o.ConfigurationOptions = redis);
    }

    private static ConfigurationOptions ParseRedis(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(
                $"'{Masked(connectionString)}' is not a Redis connection string ({ex.Message}). Give HOST:PORT, for example 127.0.0.1:6379.", nameof(connectionString), ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new ArgumentException(
                $"The Redis connection string '{Masked(connectionString)}' names no server. Give HOST:PORT, for example 127.0.0.1:6379.", nameof(connectionString));
        }

        // Keep trying while Redis is down or restarting, instead of failing the silo's or client's start at once.
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>The connection string for a message: its password hidden, control characters escaped, cut to 200 characters.</summary>
    private static string Masked(string connectionString)
    {
        var masked = Regex.Replace(connectionString, "(password|pwd)=[^,]*", "$1=***", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var escaped = string.Concat(masked.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return escaped.Length <= 200 ? escaped : escaped[..200] + "...";
    }
}
