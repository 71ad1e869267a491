namespace Futures.Tests;

/// <summary>Future.Wait over hand-made futures: each ReturnWhen, timeouts, cancelled futures and duplicates.</summary>
public class WaitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Wait_AllCompleted_ReturnsWhenTheLastIsSetByAnotherThread()
    {
        // Arrange
        var futures = Enumerable.Range(0, 4).Select(_ => new Future<int>()).ToList();
        futures[0].SetResult(0);
        var completer = new Thread(() =>
        {
            for (var i = 1; i < futures.Count; i++)
            {
                futures[i].SetResult(i);
            }
        });

        // Act
        completer.Start();
        var (done, notDone) = Future.Wait(futures, Patience);
        completer.Join();

        // Assert
        Assert.Equal(4, done.Count);
        Assert.Empty(notDone);
    }

    [Fact]
    public void Wait_AllCompletedTimeout_ReturnsTheSetsAsTheyAre()
    {
        // Arrange
        var finished = new Future<int>();
        finished.SetResult(1);
        var pending = new Future<int>();

        // Act
        var (done, notDone) = Future.Wait([finished, pending], TimeSpan.FromMilliseconds(30));

        // Assert
        Assert.Equal([finished], done);
        Assert.Equal([pending], notDone);
    }

    [Fact]
    public void Wait_FirstCompleted_ReturnsOnTheFirst()
    {
        // Arrange
        var first = new Future<int>();
        var other = new Future<int>();
        var completer = new Thread(() => first.SetResult(1));

        // Act
        completer.Start();
        var (done, notDone) = Future.Wait([first, other], Patience, ReturnWhen.FirstCompleted);
        completer.Join();

        // Assert
        Assert.Equal([first], done);
        Assert.Equal([other], notDone);
    }

    [Fact]
    public void Wait_FirstCompletedNoneDone_TimesOutEmpty()
    {
        // Arrange
        var futures = new[] { new Future<int>(), new Future<int>() };

        // Act
        var (done, notDone) = Future.Wait(futures, TimeSpan.FromMilliseconds(30), ReturnWhen.FirstCompleted);

        // Assert
        Assert.Empty(done);
        Assert.Equal(2, notDone.Count);
    }

    [Fact]
    public void Wait_FirstException_IgnoresSuccessesAndReturnsOnTheFailure()
    {
        // Arrange
        var ok = new Future<int>();
        var failing = new Future<int>();
        var pending = new Future<int>();
        var completer = new Thread(() =>
        {
            ok.SetResult(1);
            failing.SetException(new InvalidDataException());
        });

        // Act
        completer.Start();
        var (done, notDone) = Future.Wait([ok, failing, pending], Patience, ReturnWhen.FirstException);
        completer.Join();

        // Assert
        Assert.Contains(failing, done);
        Assert.Contains(pending, notDone);
    }

    [Fact]
    public void Wait_FirstExceptionSuccessOnly_WaitsLikeAllCompleted()
    {
        // Arrange
        var ok = new Future<int>();
        ok.SetResult(1);
        var pending = new Future<int>();

        // Act
        var (done, notDone) = Future.Wait([ok, pending], TimeSpan.FromMilliseconds(50), ReturnWhen.FirstException);

        // Assert
        Assert.Equal([ok], done);
        Assert.Equal([pending], notDone);
    }

    [Fact]
    public void Wait_FirstExceptionCancelledIsNoException_WaitsForTheRest()
    {
        // Arrange
        var cancelled = new Future<int>();
        cancelled.Cancel();
        var pending = new Future<int>();

        // Act
        var (done, notDone) = Future.Wait([cancelled, pending], TimeSpan.FromMilliseconds(50), ReturnWhen.FirstException);

        // Assert
        Assert.Equal([cancelled], done);
        Assert.Equal([pending], notDone);
    }

    [Fact]
    public void Wait_Cancelled_CountsAsDoneAtOnce()
    {
        // Arrange
        var cancelled = new Future<int>();
        var pending = new Future<int>();
        var canceller = new Thread(() => cancelled.Cancel());

        // Act
        canceller.Start();
        var (done, notDone) = Future.Wait([cancelled, pending], Patience, ReturnWhen.FirstCompleted);
        canceller.Join();

        // Assert
        Assert.Equal([cancelled], done);
        Assert.Equal([pending], notDone);
    }

    [Fact]
    public void Wait_Duplicates_CountOnce()
    {
        // Arrange
        var a = new Future<int>();
        a.SetResult(1);
        var b = new Future<int>();
        b.SetResult(2);

        // Act
        var (done, notDone) = Future.Wait([a, a, b, a, b], Patience);

        // Assert
        Assert.Equal(2, done.Count);
        Assert.Empty(notDone);
    }

    [Fact]
    public void Wait_Empty_ReturnsAtOnce()
    {
        // Act
        var (done, notDone) = Future.Wait(Array.Empty<Future<int>>());

        // Assert
        Assert.Empty(done);
        Assert.Empty(notDone);
    }

    [Fact]
    public void Wait_UndefinedReturnWhen_ThrowsArgumentOutOfRange()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        var thrown = Record.Exception(() => Future.Wait([future], TimeSpan.Zero, (ReturnWhen)42));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(thrown);
    }

    [Fact]
    public void Wait_TimedOut_LeavesNoWaiterBehind()
    {
        // Arrange: a timed-out wait must unregister, or the callbacks list would grow with every wait.
        var future = new Future<int>();
        var ran = new List<int>();
        future.AddDoneCallback(_ => ran.Add(1));

        // Act
        for (var i = 0; i < 100; i++)
        {
            Future.Wait([future], TimeSpan.Zero);
        }

        future.SetResult(1);

        // Assert
        Assert.Equal([1], ran);
        Assert.Equal(1, future.Result(TimeSpan.Zero));
    }
}
