using System.Diagnostics;
using System.Globalization;
using Futures.Tests.ProcessPool;

namespace Futures.Tests.Aot;

/// <summary>
/// The end-to-end subset of the process pool in a Native AOT executable (issue 14): its pool's workers are the same
/// executable, and its functions and payloads come from the source generator, with no reflection.
/// </summary>
public sealed class AotAppTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [AotFact]
    public async Task Results_OfEveryPayloadKind_ComeBackAsUnderTheJit()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("results");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("49", lines["square"]);
        Assert.Equal("ABC", lines["lambda"]);
        Assert.Equal("42", lines["no argument"]);
        Assert.Equal("21", lines["private"]);
        Assert.Equal("Point { X = 2, Y = 4 }", lines["record"]);
        Assert.Equal("bag|Point { X = 3, Y = 4 };Point { X = 0, Y = 4 }|x=3;half=0.5|Green|4", lines["class"]);
        Assert.Equal("(cd, 5)", lines["tuple"]);
        Assert.Equal("NaN", lines["nan"]);
        Assert.Equal("1,4,9,16,25,36,49,64,81,100", lines["map"]);
        Assert.Equal("11,22,33", lines["map two"]);
        Assert.Equal("Point { X = 1, Y = 0 },Point { X = 6, Y = 10 }", lines["map records"]);
        Assert.Equal("True", lines["initializer ran"]);
        Assert.Equal("True", lines["other process"]);
    }

    [AotFact]
    public async Task Exceptions_AreRebuiltAsTheirOwnTypes_WithTheWorkersStack()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("exceptions");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("System.InvalidOperationException: failed on 3", lines["builtin"]);
        Assert.Equal("True", lines["worker stack"]);
        Assert.Equal("Futures.AotApp.JobFailedException: job 4 failed", lines["own"]);
        Assert.Equal("25", lines["pool still works"]);
    }

    [AotFact]
    public async Task AsyncStaticMethodsAndLambdas_AreAwaitedInTheWorker()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("async");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("36", lines["async method"]);
        Assert.Equal("done", lines["async lambda"]);
        Assert.Equal("cancellable", lines["async token"]);
        Assert.Equal("2,4,6", lines["map async"]);
    }

    [AotFact]
    public async Task KilledWorker_BreaksThePool()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("broken");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("4", lines["before"]);
        Assert.Equal(nameof(BrokenProcessPoolException), lines["killed"]);
        Assert.Equal(nameof(BrokenProcessPoolException), lines["after"]);
    }

    [AotFact]
    public async Task MaxTasksPerChild_ReplacesEachWorkerAfterItsTasks()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("recycle");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Equal("3", lines["distinct workers"]);
        Assert.Equal("2,2,2", lines["tasks per worker"]);
    }

    [AotFact]
    public async Task MissingHook_FailsTheFirstSubmitWithTheLineToAdd()
    {
        // Act
        var (exitCode, lines, output) = await AotApp.RunAsync("without-hook");

        // Assert
        Assert.True(exitCode == 0, output);
        Assert.Contains("if (ProcessPoolExecutor.RunWorkerIfRequested(args)) return;", lines["without hook"], StringComparison.Ordinal);
    }

    [AotFact]
    public async Task ParentKilled_BusyAndIdleWorkersExitByThemselves()
    {
        // Arrange: the app with one worker blocked in a task and one idle.
        using var gate = new WorkerGate();
        var start = new ProcessStartInfo(AotApp.Path!) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("orphans");
        start.ArgumentList.Add(gate.Name);
        using var app = Process.Start(start)!;
        try
        {
            var busyPid = await gate.WaitForStartAsync();
            var line = await app.StandardOutput.ReadLineAsync().WaitAsync(Patience);
            Assert.StartsWith("idle worker: ", line, StringComparison.Ordinal);
            var idlePid = int.Parse(line!["idle worker: ".Length..], CultureInfo.InvariantCulture);
            Assert.True(Processes.IsAlive(busyPid) && Processes.IsAlive(idlePid));

            // Act
            app.Kill();
            await app.WaitForExitAsync().WaitAsync(Patience);

            // Assert
            var survivors = await Processes.WaitUntilGoneAsync([busyPid, idlePid], TimeSpan.FromSeconds(10));
            Assert.Empty(survivors);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }
        }
    }
}
