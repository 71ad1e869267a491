namespace Flags.Reporting;

/// <summary>One code's outcome in the --json document.</summary>
internal sealed record JsonCodeResult(string Code, string Status, int Attempts, long Bytes, string? Error);
