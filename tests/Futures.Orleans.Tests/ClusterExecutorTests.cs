using Futures.Tests.Contract;

namespace Futures.Orleans.Tests;

/// <summary>What ClusterExecutor adds to the contract: spreading, bounded calls, the exception envelope, retries, breaking.</summary>
[Collection(InProcessClusterGroup.Name)]
public sealed partial class ClusterExecutorTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void Submit_ManyItems_RunOnEverySilo()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 6);

        // Act
        var futures = Enumerable.Range(0, 60).Select(i => executor.Submit(ClusterJobs.WhereAmI, i)).ToList();
        var results = futures.Select(f => f.Result(Patience)).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"{i}@"), results.Select(r => r[..(r.IndexOf('@', StringComparison.Ordinal) + 1)]));
        var silos = results.Select(r => r[(r.IndexOf('@', StringComparison.Ordinal) + 1)..]).Distinct().ToList();
        Assert.Equal(3, silos.Count);
        Assert.All(silos, s => Assert.StartsWith("S127.0.0.1:", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Map_MaxInFlight3_NeverRunsMoreThan3AtOnce()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 3);
        ClusterJobs.ResetGauge();

        // Act
        var results = executor.Map(ClusterJobs.Gauge, Enumerable.Range(0, 40), Patience).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, 40), results);
        Assert.InRange(ClusterJobs.MaxRunning, 1, 3);
    }

    [Fact]
    public void Map_ChunkSize_SendsOneCallPerChunkAndKeepsOrder()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 2);

        // Act
        var results = executor.Map(ClusterJobs.WhereAmI, Enumerable.Range(0, 100), Patience, chunkSize: 25).ToList();

        // Assert: the items of one chunk ran on one silo.
        Assert.Equal(100, results.Count);
        for (var chunk = 0; chunk < 4; chunk++)
        {
            var silos = results.Skip(chunk * 25).Take(25).Select(r => r[(r.IndexOf('@', StringComparison.Ordinal) + 1)..]).Distinct();
            Assert.Single(silos);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{i}@"), results.Select(r => r[..(r.IndexOf('@', StringComparison.Ordinal) + 1)]));
    }

    [Fact]
    public void Result_JobThrows_SameTypeWithMessageAndSiloStack()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 1);

        // Act
        var thrown = Record.Exception(() => executor.Submit(Jobs.Fail, 11).Result(Patience));

        // Assert
        var argument = Assert.IsType<ArgumentException>(thrown);
        Assert.Equal(Jobs.FailureMessage(11), argument.Message);
        Assert.Contains("Jobs.Fail", argument.StackTrace, StringComparison.Ordinal);
        Assert.Contains("Jobs.Fail", (string?)argument.Data["RemoteStackTrace"], StringComparison.Ordinal);
        Assert.StartsWith("S127.0.0.1:", (string?)argument.Data["Silo"], StringComparison.Ordinal);
    }

    [Fact]
    public void Result_ExceptionTypeNotRebuildable_ComesAsRemoteWorkerException()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 1);

        // Act
        var thrown = Record.Exception(() => executor.Submit(ClusterJobs.ThrowUnbuildable, 7).Result(Patience));

        // Assert
        var remote = Assert.IsType<RemoteWorkerException>(thrown);
        Assert.Equal(typeof(QuotaExceededException).FullName, remote.RemoteTypeName);
        Assert.Equal("quota 7 exceeded", remote.RemoteMessage);
        Assert.Contains("ThrowUnbuildable", remote.RemoteStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_CapturingLambda_ThrowsArgumentExceptionNamingTheExecutor()
    {
        // Arrange
        using var executor = new ClusterExecutor(cluster.Client);
        var offset = 3;

        // Act
        var thrown = Record.Exception(() => executor.Submit(x => x + offset, 1));

        // Assert
        var argument = Assert.IsType<ArgumentException>(thrown);
        Assert.Contains("ClusterExecutor cannot send", argument.Message, StringComparison.Ordinal);
        Assert.Contains("to a silo", argument.Message, StringComparison.Ordinal);
        Assert.Contains("captures state", argument.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 0)]
    public void Constructor_LimitBelowOne_ThrowsArgumentOutOfRange(int maxInFlight, int maxAttempts)
    {
        // Act
        var thrown = Record.Exception(() => new ClusterExecutor(cluster.Client, maxInFlight, maxAttempts));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(thrown);
    }

    [Fact]
    public void Constructor_ItemTimeoutZero_ThrowsArgumentOutOfRange()
    {
        // Act
        var thrown = Record.Exception(() => new ClusterExecutor(cluster.Client, itemTimeout: TimeSpan.Zero));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(thrown);
    }

    [Fact]
    public void ItemTimeout_FirstAttemptHangs_RetriedAndSucceeds()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 1, maxAttempts: 3, itemTimeout: TimeSpan.FromMilliseconds(500));

        // Act
        var result = executor.Submit(ClusterJobs.HangFirstTime, new[] { temp.Path }).Result(Patience);
        temp.Release("release");

        // Assert: a later attempt answered; the first run happened too (at least once, not exactly once). 1 retry when
        // the first attempt went through a gateway (before the executor knew the silos); 2 when the second asked the
        // silo of the first again (its reply might only have been lost) and timed out on the same hung run.
        Assert.Equal(2, result);
        Assert.InRange(executor.Retries, 1, 2);
        Assert.True(temp.Exists("first"));
    }

    [Fact]
    public void ItemTimeout_ItemRanButItsReplyCameTooLate_AskedAgainOfItsSiloAndRunsOnce()
    {
        // Arrange: the item runs past its first attempt's timeout. Without maxInFlight the executor sends nothing before
        // it knows the silos, so every attempt goes to a silo it chose (asking again needs that).
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(cluster.Client, maxAttempts: 3, itemTimeout: TimeSpan.FromSeconds(3));
        var future = executor.Submit(ClusterJobs.Hold, new[] { temp.Path, "7" });

        // Act: it finishes once that attempt has timed out, so its reply reaches no one.
        Assert.True(SpinWait.SpinUntil(() => executor.Retries >= 1, Patience), "The first attempt never timed out.");
        temp.Release("release");
        var result = future.Result(Patience);

        // Assert: the next attempt went to the silo that had run it, which answered from that run.
        Assert.Equal(49, result);
        Assert.Single(Directory.GetFiles(temp.Path, "started-*"));
    }

    [Fact(Timeout = 30_000)]
    public async Task ItemTimeout_EveryAttemptHangs_BreaksExecutorAndRefusesSubmit()
    {
        // Arrange
        using var temp = new TempDirectory();
        using var executor = new ClusterExecutor(cluster.Client, maxInFlight: 2, maxAttempts: 2, itemTimeout: TimeSpan.FromMilliseconds(300));
        var hanging = executor.Submit(Jobs.WaitForFile, temp.File("release"));

        // Act
        var thrown = Record.Exception(() => hanging.Result(Patience));
        var refused = Record.Exception(() => executor.Submit(Jobs.Answer));
        temp.Release("release");

        // Assert
        var broken = Assert.IsType<BrokenClusterExecutorException>(thrown);
        Assert.IsType<TimeoutException>(broken.InnerException);
        Assert.Contains("failed on all 2 attempts", broken.Message, StringComparison.Ordinal);
        Assert.IsType<BrokenClusterExecutorException>(refused);
        Assert.IsAssignableFrom<BrokenExecutorException>(refused);
        Assert.Equal(1, executor.Retries);
        await executor.ShutdownAsync().WaitAsync(Patience);
    }
}
