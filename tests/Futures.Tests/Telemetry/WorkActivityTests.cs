using System.Diagnostics;
using Futures.Tests.ProcessPool;

namespace Futures.Tests.Telemetry;

public class WorkActivityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void EveryItem_OneActivityLinkedToTheSubmitter_ErrorStatusOnFailure()
    {
        // Arrange: the submitter's own source, and a listener to both (listeners are process-wide: filter by name).
        var name = $"activity-{Guid.NewGuid():N}";
        using var submitterSource = new ActivitySource($"Futures.Tests.{name}");
        using var recorder = new ActivityRecorder(name, submitterSource);
        var stopped = recorder.Stopped;
        using var pool = new ThreadPoolExecutor(2, name);

        // Act
        Future[] futures;
        ActivityContext submitter;
        using (var submit = submitterSource.StartActivity("submit"))
        {
            Assert.NotNull(submit);
            submitter = submit.Context;
            futures =
            [
                pool.Submit(() => Activity.Current?.OperationName),
                pool.Submit(() => throw new InvalidOperationException("fails")),
                pool.Submit(async () =>
                {
                    await Task.Yield();
                    return Activity.Current?.OperationName;
                }),
            ];
        }

        Assert.Empty(Future.Wait(futures, Patience).NotDone);
        pool.Shutdown(wait: true);

        // Assert
        Assert.Equal(3, stopped.Count);
        Assert.All(stopped, a =>
        {
            Assert.Equal(FuturesInstrumentation.WorkActivityName, a.OperationName);
            Assert.Equal(ActivityKind.Internal, a.Kind);
            Assert.Equal(default, a.ParentSpanId); // linked, not nested: the submitter's span ends first
            var link = Assert.Single(a.Links);
            Assert.Equal(submitter.TraceId, link.Context.TraceId);
            Assert.Equal(submitter.SpanId, link.Context.SpanId);
        });
        var failed = Assert.Single(stopped, a => a.Status == ActivityStatusCode.Error);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.StatusDescription);
        Assert.Equal(2, stopped.Count(a => a.Status == ActivityStatusCode.Unset));

        // The work runs inside its own activity.
        Assert.Equal(FuturesInstrumentation.WorkActivityName, ((Future<string?>)futures[0]).Result());
        Assert.Equal(FuturesInstrumentation.WorkActivityName, ((Future<string?>)futures[2]).Result());
    }

    [Fact]
    public void NoSubmitterActivity_ActivityHasNoLinks()
    {
        // Arrange
        var name = $"activity-root-{Guid.NewGuid():N}";
        using var recorder = new ActivityRecorder(name);
        var stopped = recorder.Stopped;
        using var pool = new ThreadPoolExecutor(1, name);
        Activity.Current = null;

        // Act
        Assert.Equal(1, pool.Submit(() => 1).Result(Patience));
        pool.Shutdown(wait: true);

        // Assert
        var activity = Assert.Single(stopped);
        Assert.Empty(activity.Links);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public void ProcessPoolItems_OneActivityEachLinkedToTheSubmitter_SubmitterStaysCurrent()
    {
        // Arrange
        ProcessPoolExecutor pool = new(maxWorkers: 1);
        var name = pool.Name;
        using var submitterSource = new ActivitySource($"Futures.Tests.{name}");
        using var recorder = new ActivityRecorder(name, submitterSource);
        var stopped = recorder.Stopped;

        // Act
        Future[] futures;
        ActivityContext submitter;
        Activity? currentAfterSubmit;
        using (var submit = submitterSource.StartActivity("submit"))
        {
            Assert.NotNull(submit);
            submitter = submit.Context;
            futures = [pool.Submit(ProcessJobs.Square, 3), pool.Submit(ProcessJobs.Fail, "fails")];
            currentAfterSubmit = Activity.Current;
        }

        Assert.Empty(Future.Wait(futures, Patience).NotDone);
        pool.Shutdown(wait: true);

        // Assert
        Assert.Equal(submitter.SpanId, currentAfterSubmit?.SpanId);
        Assert.Equal(2, stopped.Count);
        Assert.All(stopped, a =>
        {
            Assert.Equal("process_pool", a.GetTagItem("futures.executor.type"));
            Assert.Equal(default, a.ParentSpanId);
            Assert.Equal(submitter.SpanId, Assert.Single(a.Links).Context.SpanId);
        });
        Assert.Single(stopped, a => a.Status == ActivityStatusCode.Error);
    }
}
