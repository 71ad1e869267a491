using System.Diagnostics;
using System.Globalization;

namespace Futures.Worker;

/// <summary>
/// Ends the worker when its parent is gone. The main signal is end-of-file on stdin (the parent's end of the pipe closes
/// when it dies, however it dies), but that is only seen between tasks; this watch also catches a parent that dies while
/// a long task runs, by polling the parent's process id (and its start time, so a reused id is not mistaken for it).
/// </summary>
internal static class ParentWatch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Starts the watch on its own thread, so that the worker's first task does not wait for it.</summary>
    public static void Start(int parentPid)
    {
        var thread = new Thread(() => Watch(parentPid)) { IsBackground = true, Name = "Futures.Worker parent watch" };
        thread.UnsafeStart();
    }

    private static void Watch(int parentPid)
    {
        var identity = Identify(parentPid);
        if (identity is null)
        {
            Environment.Exit(0); // the parent died before this worker got going
        }

        using var tick = new ManualResetEventSlim();
        while (true)
        {
            tick.Wait(Interval); // never set: a plain interval that BannedSymbols allows
            if (Identify(parentPid) != identity)
            {
                Environment.Exit(0);
            }
        }
    }

    /// <summary>A string that names this very process (pid and start time), or null if it is not running.</summary>
    private static string? Identify(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return IdentifyOnLinux(pid);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>From /proc/pid/stat: null if absent or a zombie (dead, not yet reaped), else its start time in ticks.</summary>
    private static string? IdentifyOnLinux(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // Fields after the parenthesised command name: state is the 1st, starttime the 20th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && fields[0] != "Z" && fields[0] != "X" ? fields[19] : null;
    }
}
