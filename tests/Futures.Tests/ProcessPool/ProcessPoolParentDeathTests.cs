using System.Diagnostics;

namespace Futures.Tests.ProcessPool;

public class ProcessPoolParentDeathTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 60000)]
    public async Task ParentKilled_BusyAndIdleWorkersExitByThemselves()
    {
        // Arrange: a parent process with one worker blocked in a task and one idle.
        using var gate = new WorkerGate();
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Futures.PoolParent.dll"));
        start.ArgumentList.Add(gate.Name);
        using var parent = Process.Start(start)!;
        try
        {
            var busyPid = await gate.WaitForStartAsync();
            var line = await parent.StandardOutput.ReadLineAsync().WaitAsync(Patience);
            Assert.StartsWith("idle-worker ", line, StringComparison.Ordinal);
            var idlePid = int.Parse(line!["idle-worker ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Processes.IsAlive(busyPid) && Processes.IsAlive(idlePid));

            // Act
            parent.Kill();
            await parent.WaitForExitAsync().WaitAsync(Patience);

            // Assert
            var survivors = await Processes.WaitUntilGoneAsync([busyPid, idlePid], TimeSpan.FromSeconds(10));
            Assert.Empty(survivors);
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }
        }
    }
}
