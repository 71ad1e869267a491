namespace Flags.Server;

/// <summary>The embedded flag server (being built).</summary>
public static class FlagServer
{
}
