namespace Flags.Server.Tests.Support;

/// <summary>Waits for a condition that another thread makes true, failing loudly after a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }
            await Task.Yield();
            await Task.Delay(5);
        }
    }
}
