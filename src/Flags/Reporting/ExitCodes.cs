namespace Flags.Reporting;

/// <summary>The process exit codes (see docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Every code was saved, skipped or not found.</summary>
    public const int Ok = 0;

    /// <summary>At least one code ended in an error, or the server could not be reached.</summary>
    public const int Failed = 1;

    /// <summary>Bad input, found before any request.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
