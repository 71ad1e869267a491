namespace Futures.Hosting.Tests;

/// <summary>Work for the process pool: static, so that a worker process can run it.</summary>
internal static class Jobs
{
    public static int ProcessId(int _) => Environment.ProcessId;
}
