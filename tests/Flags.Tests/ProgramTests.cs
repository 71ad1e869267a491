namespace Flags.Tests;

public class ProgramTests
{
    [Fact]
    public void EntryPoint_Exists()
    {
        Assert.NotNull(typeof(Flags.Server.FlagServer).Assembly);
    }
}
