namespace Flags.Server.Tests.Support;

/// <summary>Tests that measure the whole process (allocation, memory) and so must run with nothing beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Serial";
}
