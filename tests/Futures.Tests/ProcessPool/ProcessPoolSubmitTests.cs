using Futures;

namespace Futures.Tests.ProcessPool;

public class ProcessPoolSubmitTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ProcessPoolExecutor _pool = fixture.Pool;

    [Fact]
    public void Submit_StaticMethod_RunsInAnotherProcess()
    {
        // Act
        var pid = _pool.Submit(ProcessJobs.Pid).Result(Patience);

        // Assert
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Contains(pid, _pool.WorkerProcessIds);
    }

    [Fact]
    public void Submit_StaticMethodWithArgument_ReturnsResult()
    {
        // Act
        var future = _pool.Submit(ProcessJobs.Square, 12);

        // Assert
        Assert.Equal(144, future.Result(Patience));
    }

    [Fact]
    public void Submit_LambdaCapturingNothing_IsAccepted()
    {
        // Act
        var future = _pool.Submit(static (int n) => n + 1, 41);

        // Assert
        Assert.Equal(42, future.Result(Patience));
    }

    [Fact]
    public void Submit_RecordArgument_RoundTrips()
    {
        // Act
        var point = _pool.Submit(ProcessJobs.Mirror, new Point(1, 2, "p")).Result(Patience);

        // Assert
        Assert.Equal(new Point(2, 1, "p!"), point);
    }

    [Fact]
    public void Submit_GenericMethod_RunsWithItsTypeArgument()
    {
        // Act
        var values = _pool.Submit(ProcessJobs.Identity, new[] { 3, 1, 2 }).Result(Patience);
        var tuple = _pool.Submit(ProcessJobs.Identity, (7, "seven")).Result(Patience);

        // Assert
        Assert.Equal([3, 1, 2], values);
        Assert.Equal((7, "seven"), tuple);
    }

    [Fact]
    public void Submit_LambdaCapturingALocal_ThrowsArgumentExceptionSayingWhy()
    {
        // Arrange
        var offset = 5;

        // Act
        var error = Assert.Throws<ArgumentException>(() => _pool.Submit((int n) => n + offset, 1));

        // Assert
        Assert.Contains("captures state (", error.Message, StringComparison.Ordinal);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
        Assert.Contains($"lambda in {nameof(ProcessPoolSubmitTests)}.{nameof(Submit_LambdaCapturingALocal_ThrowsArgumentExceptionSayingWhy)}", error.Message, StringComparison.Ordinal);
        Assert.Contains("static", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_InstanceMethod_ThrowsArgumentException()
    {
        // Arrange
        var text = "abc";

        // Act
        var error = Assert.Throws<ArgumentException>(() => _pool.Submit(text.ToUpperInvariant));

        // Assert
        Assert.Contains("instance method of 'String'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_LambdaCapturingThis_ThrowsArgumentException()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => _pool.Submit(() => _pool.MaxWorkers));

        // Assert
        Assert.Contains("cannot send", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_ArgumentThatCannotBeSerialized_ThrowsArgumentException()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => _pool.Submit(ProcessJobs.Identity, (Func<int>)ProcessJobs.Pid));

        // Assert
        Assert.Contains("cannot serialize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_WorkerThrew_RebuildsTypeMessageAndRemoteStack()
    {
        // Act
        var future = _pool.Submit(ProcessJobs.Fail, "no luck");
        var error = Assert.Throws<InvalidOperationException>(() => future.Result(Patience));

        // Assert
        Assert.Equal("no luck", error.Message);
        Assert.Contains(nameof(ProcessJobs.Fail), error.StackTrace, StringComparison.Ordinal);
        Assert.Contains("End of stack trace in worker process", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(ProcessJobs.Fail), (string?)error.Data["RemoteStackTrace"], StringComparison.Ordinal);
        Assert.NotEqual(Environment.ProcessId, (int)error.Data["WorkerProcessId"]!);
    }

    [Fact]
    public void Result_WorkerThrewWithInner_RebuildsInner()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => _pool.Submit(ProcessJobs.FailWithInner, "outer").Result(Patience));

        // Assert
        var inner = Assert.IsType<FormatException>(error.InnerException);
        Assert.Equal("inner cause", inner.Message);
    }

    [Fact]
    public void Result_ArgumentOutOfRange_KeepsFullMessage()
    {
        // Act
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _pool.Submit(ProcessJobs.ThrowIfNegative, -1).Result(Patience));

        // Assert
        Assert.StartsWith("negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_ExceptionTypeNotRebuildable_IsRemoteWorkerExceptionNamingIt()
    {
        // Act
        var error = Assert.Throws<RemoteWorkerException>(() => _pool.Submit(ProcessJobs.FailWithCodeOnly, 7).Result(Patience));

        // Assert
        Assert.Equal(typeof(CodeOnlyException).FullName, error.RemoteTypeName);
        Assert.Equal("failed with code 7", error.RemoteMessage);
        Assert.Contains(typeof(CodeOnlyException).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ProcessJobs.FailWithCodeOnly), error.RemoteStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_ResultCannotBeSerialized_FailsThatFutureOnly()
    {
        // Act
        var failed = _pool.Submit(ProcessJobs.ReturnsDelegate);
        var error = failed.Exception(Patience);
        var next = _pool.Submit(ProcessJobs.Square, 3);

        // Assert
        Assert.NotNull(error);
        Assert.Equal(9, next.Result(Patience));
    }

    [Fact]
    public void Result_ResultCannotBeReadAsItsType_FailsThatFutureOnly()
    {
        // Act: the worker writes 5; an interface type cannot be made from JSON here
        var failed = _pool.Submit(ProcessJobs.ReturnsComparable);
        var error = failed.Exception(Patience);
        var next = _pool.Submit(ProcessJobs.Square, 4);

        // Assert
        Assert.IsType<System.Text.Json.JsonException>(error);
        Assert.Contains("cannot be read as IComparable", error.Message, StringComparison.Ordinal);
        Assert.Equal(16, next.Result(Patience));
    }

    [Fact]
    public void Map_ChunkSize100_ReturnsEveryResultInOrder()
    {
        // Act
        var results = _pool.Map(ProcessJobs.Square, Enumerable.Range(0, 1000), timeout: Patience, chunkSize: 100).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 1000).Select(n => n * n), results);
    }

    [Fact]
    public void Map_ChunkWithFailingItem_YieldsEarlierItemsThenThrowsAtThatItem()
    {
        // Arrange
        var seen = new List<int>();

        // Act
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            foreach (var value in _pool.Map(ProcessJobs.ThrowIfNegative, [1, 2, 3, -4, 5, 6], timeout: Patience, chunkSize: 4))
            {
                seen.Add(value);
            }
        });

        // Assert
        Assert.Equal([1, 2, 3], seen);
        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_CapturingLambda_ThrowsArgumentExceptionAtTheCall()
    {
        // Arrange
        var factor = 3;

        // Act + Assert
        Assert.Throws<ArgumentException>(() => _pool.Map((int n) => n * factor, [1, 2, 3], chunkSize: 2));
    }
}
