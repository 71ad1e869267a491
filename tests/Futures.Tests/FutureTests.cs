using Futures;

namespace Futures.Tests;

public class FutureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void SetResult_OnPending_FinishesWithResult()
    {
        // Arrange
        var future = new Future<int>();

        // Act
        future.SetResult(42);

        // Assert
        Assert.Equal(FutureState.Finished, future.State);
        Assert.Equal(42, future.Result(Patience));
    }
}
