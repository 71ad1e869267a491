using System.Diagnostics;

namespace Futures.Tests.V2;

/// <summary>
/// Execution context on <see cref="ThreadPoolExecutor"/>: work runs under the context captured at Submit or Map (as
/// with Task.Run), nothing one item sets is seen by another, SuppressFlow is honoured, and done-callbacks run under the
/// context of AddDoneCallback. These hold only where work runs in this process.
/// </summary>
public sealed class ThreadPoolContextTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly AsyncLocal<string?> Local = new();

    [Fact]
    public void AsyncLocal_FlowsFromEachSubmit_OnOneWorker()
    {
        // Arrange: the case. One worker, so both items run on the same thread.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);

        // Act
        Local.Value = "first";
        var first = executor.Submit(() => Local.Value).Result(Patience);
        Local.Value = "second";
        var second = executor.Submit(() => Local.Value).Result(Patience);
        Local.Value = null;

        // Assert
        Assert.Equal("first", first);
        Assert.Equal("second", second);
    }

    [Fact]
    public void AsyncLocal_SetByOneItem_IsNotSeenByTheNext()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        Local.Value = null;

        // Act: sync work, then async work (after an await), each setting the value on the shared worker thread.
        executor.Submit(() => Local.Value = "leaked by sync work").Result(Patience);
        var afterSync = executor.Submit(() => Local.Value).Result(Patience);
        executor.Submit(async () =>
        {
            Local.Value = "leaked by async work";
            await Task.Yield();
            Local.Value = "leaked after an await";
            return 0;
        }).Result(Patience);
        var afterAsync = executor.Submit(() => Local.Value).Result(Patience);

        // Assert
        Assert.Null(afterSync);
        Assert.Null(afterAsync);
    }

    [Fact]
    public void AsyncLocal_FlowsThroughTheAwaitsOfAsyncWork()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        Local.Value = "submitter";

        // Act
        var seen = executor.Submit(async () =>
        {
            var before = Local.Value;
            await Task.Delay(1);
            return (before, after: Local.Value);
        }).Result(Patience);
        Local.Value = null;

        // Assert
        Assert.Equal(("submitter", "submitter"), seen);
    }

    [Fact]
    public void ActivityCurrent_FlowsIn_AndDoesNotLeak()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        using var activity = new Activity("request").Start();

        // Act
        var inside = executor.Submit(() => Activity.Current?.Id).Result(Patience);
        var insideAsync = executor.Submit(async () =>
        {
            await Task.Yield();
            return Activity.Current?.Id;
        }).Result(Patience);
        activity.Stop();
        var afterStop = executor.Submit(() => Activity.Current?.Id).Result(Patience);
        executor.Submit(() => new Activity("started by work").Start()).Result(Patience);
        var afterWorkStarted = executor.Submit(() => Activity.Current?.OperationName).Result(Patience);

        // Assert
        Assert.Equal(activity.Id, inside);
        Assert.Equal(activity.Id, insideAsync);
        Assert.Null(afterStop);
        Assert.Null(afterWorkStarted);
    }

    [Fact]
    public void SuppressFlow_AtSubmit_RunsWithoutTheSubmittersContext()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        Local.Value = "hidden";

        // Act
        Future<string?> sync;
        Future<string?> asyncWork;
        using (ExecutionContext.SuppressFlow())
        {
            sync = executor.Submit<string?>(() => Local.Value);
            asyncWork = executor.Submit<string?>(async () =>
            {
                await Task.Yield();
                return Local.Value;
            });
        }

        var flowing = executor.Submit(() => Local.Value);
        Local.Value = null;

        // Assert
        Assert.Null(sync.Result(Patience));
        Assert.Null(asyncWork.Result(Patience));
        Assert.Equal("hidden", flowing.Result(Patience));
    }

    [Fact]
    public void DoneCallback_RunsUnderTheContextOfAddDoneCallback()
    {
        // Arrange: the work completes under its own value; each callback must see the value of its AddDoneCallback.
        using var executor = new ThreadPoolExecutor(maxWorkers: 1);
        var gate = new ManualResetEventSlim();
        Local.Value = "work";
        var future = executor.Submit(async () =>
        {
            await Task.Run(gate.Wait);
            return 1;
        });
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        Local.Value = "callback";
        future.AddDoneCallback(_ => seen["captured"] = Local.Value);
        Local.Value = null;
        future.AddDoneCallback(_ => seen["default"] = Local.Value);

        // Act
        gate.Set();
        future.Result(Patience);
        Assert.True(SpinWait.SpinUntil(() => seen.Count == 2, Patience));

        // Assert
        Assert.Equal("callback", seen["captured"]);
        Assert.Null(seen["default"]);
    }

    [Fact]
    public void Map_ItemsRunUnderTheContextOfTheMapCall_EvenWhenSubmittedLater()
    {
        // Arrange: with a buffer, most items are submitted while the caller enumerates under another value.
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        Local.Value = "map call";
        var results = executor.Map(_ => Local.Value, Enumerable.Range(0, 20), Patience, bufferSize: 2);

        // Act
        Local.Value = "enumerating";
        var seen = results.ToList();
        Local.Value = null;

        // Assert
        Assert.All(seen, value => Assert.Equal("map call", value));
    }

    [Fact]
    public void Map_UnderSuppressedFlow_RunsItemsWithoutAContext()
    {
        // Arrange
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        Local.Value = "hidden";
        IEnumerable<string?> results;
        using (ExecutionContext.SuppressFlow())
        {
            results = executor.Map(_ => Local.Value, Enumerable.Range(0, 10), Patience, bufferSize: 2);
        }

        // Act
        var seen = results.ToList();
        Local.Value = null;

        // Assert
        Assert.All(seen, Assert.Null);
    }

    [Fact]
    public void DoneCallback_OnHandMadeFuture_RunsUnderItsCapturedContext()
    {
        // Arrange
        var future = new Future<int>();
        string? seen = "not run";
        Local.Value = "adder";
        future.AddDoneCallback(_ => seen = Local.Value);
        Local.Value = null;

        // Act: completed from a thread with a value of its own.
        var completer = new Thread(() =>
        {
            Local.Value = "completer";
            future.SetResult(1);
        });
        completer.Start();
        Assert.True(completer.Join(Patience));

        // Assert
        Assert.Equal("adder", seen);
    }
}
