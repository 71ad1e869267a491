namespace Flags.Server.Tests;

public class FlagServerTests
{
    [Fact]
    public void EntryPoint_Exists()
    {
        Assert.NotNull(typeof(Flags.Server.FlagServer).Assembly);
    }
}
