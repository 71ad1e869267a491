namespace Futures.Tests.V2;

/// <summary>
/// Which Submit overload a lambda or method group binds to. The assignments are the test: each line compiles only if
/// the call returns the type written on its left, so a change in overload resolution breaks the build.
/// </summary>
public sealed class OverloadResolutionTests
{
    private static int Seven() => 7;

    private static async Task<int> SevenAsync()
    {
        await Task.Yield();
        return 7;
    }

    private static void Nothing()
    {
    }

    private static Task NothingAsync() => Task.CompletedTask;

    private static int Twice(int x) => 2 * x;

    private static Task<int> TwiceAsync(int x) => Task.FromResult(2 * x);

    private static Task<int> SevenWithToken(CancellationToken cancellationToken) => Task.FromResult(7);

    [Fact]
    public void Lambdas_And_MethodGroups_BindToTheirShapes()
    {
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        var timeout = TimeSpan.FromSeconds(30);

        // Async lambdas: the task's result, never a future of a task.
        Future<int> asyncValue = executor.Submit(async () =>
        {
            await Task.Yield();
            return 5;
        });
        Future<int> asyncExpression = executor.Submit(async () => 5);
        Future asyncVoid = executor.Submit(async () => await Task.Yield());
        Future<int> asyncWithArg = executor.Submit(async (int x) =>
        {
            await Task.Yield();
            return x + 1;
        }, 41);
        Future<int> asyncWithToken = executor.Submit(async (CancellationToken token) =>
        {
            await Task.Delay(1, token);
            return 3;
        });
        Future asyncVoidWithToken = executor.Submit(async (CancellationToken token) => await Task.Delay(1, token));

        // Sync lambdas: a statement lambda is an Action, an expression with a value a Func.
        Future action = executor.Submit(() => Console.Write(string.Empty));
        Future<int> value = executor.Submit(() => 6);
        Future<string> withArg = executor.Submit((int x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture), 9);

        // Method groups.
        Future<int> group = executor.Submit(Seven);
        Future<int> asyncGroup = executor.Submit(SevenAsync);
        Future voidGroup = executor.Submit(Nothing);
        Future voidAsyncGroup = executor.Submit(NothingAsync);
        Future<int> groupWithArg = executor.Submit(Twice, 4);
        Future<int> asyncGroupWithArg = executor.Submit(TwiceAsync, 4);
        Future<int> tokenGroup = executor.Submit(SevenWithToken);

        // A Future<Task> would also convert to Future: the untyped ones must not be futures of tasks.
        Assert.IsNotAssignableFrom<Future<Task>>(asyncVoid);
        Assert.IsNotAssignableFrom<Future<Task>>(asyncVoidWithToken);
        Assert.IsNotAssignableFrom<Future<Task>>(voidAsyncGroup);

        Assert.Equal(5, asyncValue.Result(timeout));
        Assert.Equal(5, asyncExpression.Result(timeout));
        Assert.Null(asyncVoid.Exception(timeout));
        Assert.Equal(42, asyncWithArg.Result(timeout));
        Assert.Equal(3, asyncWithToken.Result(timeout));
        Assert.Null(asyncVoidWithToken.Exception(timeout));
        Assert.Null(action.Exception(timeout));
        Assert.Equal(6, value.Result(timeout));
        Assert.Equal("9", withArg.Result(timeout));
        Assert.Equal(7, group.Result(timeout));
        Assert.Equal(7, asyncGroup.Result(timeout));
        Assert.Null(voidGroup.Exception(timeout));
        Assert.Null(voidAsyncGroup.Exception(timeout));
        Assert.Equal(8, groupWithArg.Result(timeout));
        Assert.Equal(8, asyncGroupWithArg.Result(timeout));
        Assert.Equal(7, tokenGroup.Result(timeout));
    }
}
