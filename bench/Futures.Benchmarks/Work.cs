namespace Futures.Benchmarks;

/// <summary>The work every benchmark runs: nothing, so what is measured is the cost of scheduling and collecting it.</summary>
public static class Work
{
    /// <summary>How many tasks each benchmark runs per operation.</summary>
    public const int Count = 100_000;

    public static int NoOp() => 1;

    public static int Identity(int x) => x;

    /// <summary>The smallest async work: one trip back through the scheduler.</summary>
    public static async Task<int> YieldOneAsync()
    {
        await Task.Yield();
        return 1;
    }
}
