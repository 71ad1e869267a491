using System.Net;
using System.Text.Json;
using Futures.Orleans.Wire;
using Microsoft.Extensions.Options;

namespace Futures.Orleans.Tests;

/// <summary>
/// The silo side of a graceful stop, in this process and in a fixed order: a <see cref="FuturesWorkerHost"/> whose
/// calls resume on a scheduler the test pumps by hand (as a grain's calls resume on its activation's scheduler), so
/// that the drain can begin exactly when an item's work has finished but its call has not yet produced the reply.
/// </summary>
public sealed class WorkerHostDrainTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FuturesWorkerHost _host = new(Options.Create(new FuturesWorkerOptions { MaxConcurrentWork = 1 }), new LocalSilo());
    private readonly CapturedLifecycle _lifecycle = new();
    private readonly ManualScheduler _scheduler = new();

    public WorkerHostDrainTests()
    {
        _host.Participate(_lifecycle);
        DrainJobs.Reset();
    }

    [Fact(Timeout = 60_000)]
    public async Task Drain_WorkDoneButReplyNotYetMade_WaitsForTheReplyAndTheCallSucceeds()
    {
        // Arrange: the item runs, finishes, and its call's continuation waits in the scheduler, unrun.
        var call = Call(21);
        await DrainJobs.Started.WaitAsync(Patience);
        DrainJobs.Release.Release();
        Assert.True(await _scheduler.Queued.WaitAsync(Patience), "The call did not resume.");
        _scheduler.Queued.Release(); // only looked: it stays queued

        // Act: the silo starts to stop in that window.
        var drain = _lifecycle.Observer!.OnStop(CancellationToken.None);

        // Assert: the drain holds the stop until the reply exists, and the reply is the item's result, not a failure.
        Assert.False(drain.IsCompleted, "The drain ended before the call it took had its reply.");
        _scheduler.RunQueued();
        var reply = await call.WaitAsync(Patience);
        Assert.False(reply.Refused);
        Assert.Null(reply.Error);
        Assert.Equal(42, JsonSerializer.Deserialize<int>(reply.Result));
        await drain.WaitAsync(Patience);
        Assert.Equal(1, DrainJobs.Runs);
    }

    [Fact(Timeout = 60_000)]
    public async Task Drain_CallsWaitingOrArrivingLater_AreRefusedUnrunWhileTheRunningOneIsAnswered()
    {
        // Arrange: one item runs (MaxConcurrentWork 1), a second waits for the thread.
        var running = Call(1);
        await DrainJobs.Started.WaitAsync(Patience);
        var waiting = Call(2);

        // Act: the drain begins; a third call arrives after it; then the running item finishes.
        var drain = _lifecycle.Observer!.OnStop(CancellationToken.None);
        var late = Call(3);
        var waitingReply = await PumpUntilAsync(waiting);
        var lateReply = await PumpUntilAsync(late);
        DrainJobs.Release.Release();
        var runningReply = await PumpUntilAsync(running);
        await drain.WaitAsync(Patience);

        // Assert: only the running item ran, and it was answered; the others came back refused, for another silo.
        Assert.True(waitingReply.Refused);
        Assert.True(lateReply.Refused);
        Assert.False(runningReply.Refused);
        Assert.Equal(2, JsonSerializer.Deserialize<int>(runningReply.Result));
        Assert.Equal(1, DrainJobs.Runs);
    }

    [Fact(Timeout = 60_000)]
    public async Task Drain_OutOfTime_TheCallStillRunningFailsAsIfTheSiloDied()
    {
        // Arrange
        var call = Call(5);
        await DrainJobs.Started.WaitAsync(Patience);
        using var outOfTime = new CancellationTokenSource();

        // Act: the host's shutdown timeout ends the drain while the item runs.
        var drain = _lifecycle.Observer!.OnStop(outOfTime.Token);
        await outOfTime.CancelAsync();
        await drain.WaitAsync(Patience);

        // Assert: the call fails (the client sends it elsewhere, at least once), it is not refused as if unrun.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PumpUntilAsync(call));
        DrainJobs.Release.Release();
    }

    public void Dispose()
    {
        DrainJobs.Release.Release(10); // no item stays blocked past its test
        _host.Dispose();
    }

    /// <summary>Starts RunAsync on the hand-pumped scheduler and runs it up to its first wait.</summary>
    private Task<WorkReply> Call(int argument)
    {
        var method = typeof(DrainJobs).GetMethod(nameof(DrainJobs.Twice))!;
        var request = new WorkRequest
        {
            AssemblyName = typeof(DrainJobs).Assembly.FullName!,
            AssemblyPath = typeof(DrainJobs).Assembly.Location,
            TypeName = typeof(DrainJobs).AssemblyQualifiedName!,
            MethodToken = method.MetadataToken,
            Argument = JsonSerializer.SerializeToUtf8Bytes(argument),
        };
        var call = Task.Factory.StartNew(() => _host.RunAsync(request, CancellationToken.None), CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();
        _scheduler.RunQueued();
        return call;
    }

    private async Task<WorkReply> PumpUntilAsync(Task<WorkReply> call)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!call.IsCompleted)
        {
            // Wait for something to run (without taking its count), then run it here.
            await _scheduler.Queued.WaitAsync(deadline.Token);
            _scheduler.Queued.Release();
            _scheduler.RunQueued();
        }

        return await call;
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "drain-test";

        public string ClusterId => "drain-test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

        public SiloAddress GatewayAddress => SiloAddress;
    }

    private sealed class CapturedLifecycle : ISiloLifecycle
    {
        public ILifecycleObserver? Observer { get; private set; }

        public int HighestCompletedStage => ServiceLifecycleStage.Active;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observer = observer;
            return new Unsubscribe();
        }

        private sealed class Unsubscribe : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }

    /// <summary>A task scheduler that runs what is queued only when the test says so, on the test's thread.</summary>
    private sealed class ManualScheduler : TaskScheduler
    {
        private readonly Queue<Task> _tasks = new();

        /// <summary>Its count is the number of tasks queued and not yet run.</summary>
        public SemaphoreSlim Queued { get; } = new(0);

        public void RunQueued()
        {
            // Without xunit's context here, an await inside a task resumes on this scheduler, not on that context.
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                RunAll();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        private void RunAll()
        {
            while (true)
            {
                Task? task;
                lock (_tasks)
                {
                    if (!_tasks.TryDequeue(out task))
                    {
                        return;
                    }

                    Queued.Wait(0);
                }

                TryExecuteTask(task);
            }
        }

        protected override void QueueTask(Task task)
        {
            lock (_tasks)
            {
                _tasks.Enqueue(task);
            }

            Queued.Release();
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks()
        {
            lock (_tasks)
            {
                return [.. _tasks];
            }
        }
    }
}

/// <summary>The work of <see cref="WorkerHostDrainTests"/>: in this process, so it is held and counted with statics.</summary>
public static class DrainJobs
{
    private static int s_runs;

    public static SemaphoreSlim Started { get; private set; } = new(0);

    public static SemaphoreSlim Release { get; private set; } = new(0);

    public static int Runs => Volatile.Read(ref s_runs);

    public static void Reset() => (Started, Release, s_runs) = (new SemaphoreSlim(0), new SemaphoreSlim(0), 0);

    /// <summary>Counts the run, says it started, waits to be released (30 s at most), returns twice its argument.</summary>
    public static int Twice(int x)
    {
        Interlocked.Increment(ref s_runs);
        Started.Release();
        if (!Release.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("DrainJobs.Twice was never released.");
        }

        return 2 * x;
    }
}
