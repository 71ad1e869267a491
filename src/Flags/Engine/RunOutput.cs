namespace Flags.Engine;

/// <summary>Where a run writes: standard output, standard error, and whether stderr is a terminal (so progress may be drawn there).</summary>
/// <param name="Output">Standard output: the header, -v lines, the summary or the JSON document.</param>
/// <param name="Error">Standard error: progress, warnings, usage errors.</param>
/// <param name="ProgressAllowed">Stderr is a terminal.</param>
/// <param name="TerminalWidth">The terminal's width in columns, read when the progress line is drawn.</param>
internal sealed record RunOutput(TextWriter Output, TextWriter Error, bool ProgressAllowed, Func<int> TerminalWidth);
