using System.Diagnostics;

namespace Futures.Tests.ProcessPool;

/// <summary>Checks on other processes, by pid.</summary>
public static class Processes
{
    /// <summary>True if the process exists and is not a zombie (dead but not yet reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls until every process in <paramref name="pids"/> is gone or <paramref name="timeout"/> passes; returns the
    /// ones still alive. Polling is the only way to watch a process that is not our child.
    /// </summary>
    public static async Task<int[]> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var watched = pids.ToArray();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var alive = watched.Where(IsAlive).ToArray();
            if (alive.Length == 0 || deadline.Elapsed > timeout)
            {
                return alive;
            }

            await Task.Delay(25);
        }
    }
}
