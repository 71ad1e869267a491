namespace Flags.Reporting;

/// <summary>The --json document.</summary>
internal sealed record JsonRunReport(
    string Server,
    string BaseUrl,
    string Strategy,
    int Concurrency,
    int Requested,
    int Downloaded,
    int NotFound,
    int Skipped,
    int Errors,
    bool Interrupted,
    double ElapsedSeconds,
    int ExitCode,
    IReadOnlyList<JsonCodeResult> Results);
