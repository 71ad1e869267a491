namespace Futures.Orleans;

/// <summary>What work running under a <see cref="ClusterExecutor"/> can learn about where it runs.</summary>
public static class ClusterWorkContext
{
    [ThreadStatic]
    private static string? t_silo;

    /// <summary>
    /// The address of the silo running the current work item (for example <c>S127.0.0.1:11111:123456789</c>); null on a
    /// thread that is not running ClusterExecutor work. For logs and demos: which silo ran what.
    /// </summary>
    public static string? Silo => t_silo;

    internal static void Enter(string silo) => t_silo = silo;

    internal static void Leave() => t_silo = null;
}
