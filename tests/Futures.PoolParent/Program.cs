using System.IO.Pipes;
using Futures;

// Usage: Futures.PoolParent <pipe-name>
// Starts a two-worker pool; worker 1 runs Busy (it reports its pid on the test's pipe and blocks there), worker 2 runs
// Pid and stays idle. Prints "idle-worker <pid>" and then waits for stdin to close: the test kills this process first.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Futures.PoolParent <pipe-name>");
    return 2;
}

var pool = new ProcessPoolExecutor(maxWorkers: 2);
var busy = pool.Submit(ParentJobs.Busy, args[0]);
var idlePid = pool.Submit(ParentJobs.Pid).Result(TimeSpan.FromSeconds(30));
Console.WriteLine($"idle-worker {idlePid}");
Console.Out.Flush();
Console.In.ReadToEnd();
pool.TerminateWorkers();
return busy.Done ? 0 : 1;

internal static class ParentJobs
{
    public static int Pid() => Environment.ProcessId;

    /// <summary>Reports this process id on the test's pipe, then blocks until the pipe closes.</summary>
    public static int Busy(string pipeName)
    {
        using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut);
        pipe.Connect(TimeSpan.FromSeconds(30));
        pipe.Write(BitConverter.GetBytes(Environment.ProcessId));
        pipe.Flush();
        return pipe.ReadByte();
    }
}
