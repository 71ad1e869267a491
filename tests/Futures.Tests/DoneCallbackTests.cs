namespace Futures.Tests;

/// <summary>Done-callbacks: once each, in the order added, at once when already done, failures reported, no lock held.</summary>
public class DoneCallbackTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void AddDoneCallback_Pending_RunsOnceAtCompletion()
    {
        // Arrange
        var future = new Future<int>();
        var calls = new List<Future>();
        future.AddDoneCallback(calls.Add);

        // Act
        var before = calls.Count;
        future.SetResult(1);

        // Assert
        Assert.Equal(0, before);
        Assert.Equal<Future>([future], calls);
    }

    [Fact]
    public void AddDoneCallback_Several_RunInTheOrderAdded()
    {
        // Arrange
        var future = new Future<int>();
        var order = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var n = i;
            future.AddDoneCallback(_ => order.Add(n));
        }

        // Act
        future.SetResult(1);

        // Assert
        Assert.Equal([0, 1, 2, 3, 4], order);
    }

    [Fact]
    public void AddDoneCallback_AlreadyDone_RunsAtOnceOnTheCallingThread()
    {
        // Arrange
        var future = new Future<int>();
        future.SetResult(1);
        int? thread = null;

        // Act
        future.AddDoneCallback(_ => thread = Environment.CurrentManagedThreadId);

        // Assert
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public void AddDoneCallback_Cancelled_RunsWithTheCancelledFuture()
    {
        // Arrange
        var future = new Future<int>();
        var sawCancelled = false;
        future.AddDoneCallback(f => sawCancelled = f.Cancelled);

        // Act
        future.Cancel();

        // Assert
        Assert.True(sawCancelled);
    }

    [Fact]
    public void AddDoneCallback_Typed_GetsTheTypedFuture()
    {
        // Arrange
        var future = new Future<int>();
        var result = 0;
        future.AddDoneCallback((Future<int> f) => result = f.Result(TimeSpan.Zero));

        // Act
        future.SetResult(9);

        // Assert
        Assert.Equal(9, result);
    }

    [Fact]
    public void AddDoneCallback_Throwing_IsReportedAndOthersStillRun()
    {
        // Arrange
        var future = new Future<int>();
        var reported = new List<Exception>();
        var ran = new List<int>();
        EventHandler<DoneCallbackFailedEventArgs> handler = (sender, e) =>
        {
            if (ReferenceEquals(sender, future))
            {
                reported.Add(e.Exception);
            }
        };
        Future.DoneCallbackFailed += handler;
        try
        {
            future.AddDoneCallback(_ => ran.Add(1));
            future.AddDoneCallback(_ => throw new InvalidDataException("callback broke"));
            future.AddDoneCallback(_ => ran.Add(3));

            // Act
            future.SetResult(1);
            future.AddDoneCallback(_ => throw new InvalidDataException("late callback broke"));
        }
        finally
        {
            Future.DoneCallbackFailed -= handler;
        }

        // Assert
        Assert.Equal([1, 3], ran);
        Assert.Equal(["callback broke", "late callback broke"], reported.Select(e => e.Message));
        Assert.Equal(1, future.Result(TimeSpan.Zero));
    }

    [Fact]
    public void DoneCallbackFailed_HandlerThrows_CompletionStillSucceeds()
    {
        // Arrange
        var future = new Future<int>();
        var after = false;
        EventHandler<DoneCallbackFailedEventArgs> handler = (sender, _) =>
        {
            if (ReferenceEquals(sender, future))
            {
                throw new InvalidOperationException("handler broke");
            }
        };
        Future.DoneCallbackFailed += handler;
        try
        {
            future.AddDoneCallback(_ => throw new InvalidDataException());
            future.AddDoneCallback(_ => after = true);

            // Act
            var thrown = Record.Exception(() => future.SetResult(1));

            // Assert
            Assert.Null(thrown);
            Assert.True(after);
        }
        finally
        {
            Future.DoneCallbackFailed -= handler;
        }
    }

    [Fact]
    public void Callback_CallsBackIntoTheFuture_DoesNotDeadlock()
    {
        // Arrange
        var future = new Future<int>();
        var inner = new List<string>();
        future.AddDoneCallback(f =>
        {
            var typed = (Future<int>)f;
            inner.Add($"result {typed.Result(Patience)}");
            typed.AddDoneCallback(_ => inner.Add("nested"));
            inner.Add($"cancel {typed.Cancel()}");
        });

        // Act
        future.SetResult(3);

        // Assert
        Assert.Equal(["result 3", "nested", "cancel False"], inner);
    }

    [Fact]
    public void Callback_WaitsForAnotherThreadUsingTheFuture_DoesNotDeadlock()
    {
        // Arrange: if a lock were held while callbacks run, the other thread would block on it and the callback on it.
        var future = new Future<int>();
        var fromOtherThread = 0;
        future.AddDoneCallback(f =>
        {
            var other = new Thread(() =>
            {
                f.AddDoneCallback(_ => { });
                fromOtherThread = ((Future<int>)f).Result(Patience) + Future.Wait([f], Patience).Done.Count;
            });
            other.Start();
            Assert.True(other.Join(Patience), "The other thread blocked on the future.");
        });

        // Act
        future.SetResult(4);

        // Assert
        Assert.Equal(5, fromOtherThread);
    }

    [Fact]
    public void AddDoneCallback_Null_ThrowsArgumentNull()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var untyped = Record.Exception(() => future.AddDoneCallback((Action<Future>)null!));
        var typed = Record.Exception(() => future.AddDoneCallback((Action<Future<int>>)null!));

        // Assert
        Assert.IsType<ArgumentNullException>(untyped);
        Assert.IsType<ArgumentNullException>(typed);
    }
}
