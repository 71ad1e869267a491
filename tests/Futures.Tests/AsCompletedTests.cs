namespace Futures.Tests;

/// <summary>Future.AsCompleted and AsCompletedAsync over hand-made futures, completed between steps of the enumeration.</summary>
public class AsCompletedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void AsCompleted_DoneOnesFirstThenInCompletionOrder()
    {
        // Arrange
        var a = new Future<int>();
        var b = new Future<int>();
        var c = new Future<int>();
        var d = new Future<int>();
        c.SetResult(3);

        // Act
        var order = new List<Future>();
        using (var e = Future.AsCompleted([a, b, c, d], Patience).GetEnumerator())
        {
            Assert.True(e.MoveNext());
            order.Add(e.Current);
            d.SetResult(4);
            b.Cancel();
            a.SetException(new InvalidDataException());
            while (e.MoveNext())
            {
                order.Add(e.Current);
            }
        }

        // Assert
        Assert.Equal<Future>([c, d, b, a], order);
    }

    [Fact]
    public void AsCompleted_CompletedByAnotherThread_YieldsEach()
    {
        // Arrange
        var futures = Enumerable.Range(0, 50).Select(_ => new Future<int>()).ToList();
        var completer = new Thread(() =>
        {
            for (var i = futures.Count - 1; i >= 0; i--)
            {
                futures[i].SetResult(i);
            }
        });

        // Act
        completer.Start();
        var yielded = Future.AsCompleted(futures, Patience).ToList();
        completer.Join();

        // Assert
        Assert.Equal(50, yielded.Count);
        Assert.Equal(futures.ToHashSet(), yielded.ToHashSet());
    }

    [Fact]
    public void AsCompleted_Duplicates_YieldsEachOnce()
    {
        // Arrange
        var a = new Future<int>();
        var b = new Future<int>();
        a.SetResult(1);

        // Act
        var yielded = new List<Future<int>>();
        foreach (var future in Future.AsCompleted([a, b, a, b, b], Patience))
        {
            yielded.Add(future);
            if (!b.Done)
            {
                b.SetResult(2);
            }
        }

        // Assert
        Assert.Equal([a, b], yielded);
    }

    [Fact]
    public void AsCompleted_NextLate_ThrowsTimeoutAfterYieldingTheDoneOnes()
    {
        // Arrange
        var done = new Future<int>();
        done.SetResult(1);
        var late = new Future<int>();

        // Act
        var yielded = new List<Future<int>>();
        var thrown = Record.Exception(() =>
        {
            foreach (var future in Future.AsCompleted([done, late], TimeSpan.FromMilliseconds(50)))
            {
                yielded.Add(future);
            }
        });

        // Assert
        Assert.IsType<TimeoutException>(thrown);
        Assert.Equal([done], yielded);
    }

    [Fact]
    public void AsCompleted_Empty_YieldsNothing()
    {
        // Act
        var yielded = Future.AsCompleted(Array.Empty<Future<int>>(), TimeSpan.Zero).ToList();

        // Assert
        Assert.Empty(yielded);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsCompletedAsync_DoneOnesFirstThenInCompletionOrder()
    {
        // Arrange
        var a = new Future<int>();
        var b = new Future<int>();
        var c = new Future<int>();
        b.SetResult(2);

        // Act
        var order = new List<Future>();
        await foreach (var future in Future.AsCompletedAsync([a, b, c, b]))
        {
            order.Add(future);
            if (order.Count == 1)
            {
                c.SetResult(3);
                a.Cancel();
            }
        }

        // Assert
        Assert.Equal<Future>([b, c, a], order);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsCompletedAsync_WaitingDoesNotBlockAThread()
    {
        // Arrange: a single-threaded wait would never see the completion that comes after it.
        var future = new Future<int>();
        var enumerate = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var done in Future.AsCompletedAsync([future]))
            {
                count += done.Result(TimeSpan.Zero);
            }

            return count;
        });

        // Act
        future.SetResult(7);
        var total = await enumerate.WaitAsync(Patience);

        // Assert
        Assert.Equal(7, total);
    }

    [Fact(Timeout = 60_000)]
    public async Task AsCompletedAsync_TokenFires_ThrowsOperationCanceled()
    {
        // Arrange
        var done = new Future<int>();
        done.SetResult(1);
        var pending = new Future<int>();
        using var cts = new CancellationTokenSource();

        // Act
        var yielded = new List<Future<int>>();
        var thrown = await Record.ExceptionAsync(async () =>
        {
            await foreach (var future in Future.AsCompletedAsync([done, pending], cts.Token))
            {
                yielded.Add(future);
                await cts.CancelAsync();
            }
        });

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
        Assert.Equal([done], yielded);
        Assert.False(pending.Cancelled);
    }
}
