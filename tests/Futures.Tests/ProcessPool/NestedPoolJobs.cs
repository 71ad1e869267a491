namespace Futures.Tests.ProcessPool;

/// <summary>Work that itself makes a process pool: run in a worker, where the fork-bomb guard must refuse it.</summary>
public static class NestedPoolJobs
{
    /// <summary>Submits to a new pool and says what happened: "refused: message" or "ran: result".</summary>
    public static string SubmitFromWorker()
    {
        using var nested = new ProcessPoolExecutor(maxWorkers: 1);
        try
        {
            return $"ran: {nested.Submit(Contract.Jobs.Answer).Result(TimeSpan.FromSeconds(30))}";
        }
        catch (BrokenProcessPoolException ex)
        {
            return $"refused: {ex.Message}";
        }
    }
}
