namespace Flags.Engine;

/// <summary>One field of a run's JSON header: a string or a number.</summary>
/// <param name="Name">The property name (camelCase).</param>
/// <param name="Text">The string value, or null for a number.</param>
/// <param name="Number">The number, used when <paramref name="Text"/> is null.</param>
internal sealed record JsonField(string Name, string? Text, long Number = 0);

/// <summary>What a command says before its run: the text lines and the JSON fields, plus how the run is set up.</summary>
/// <param name="TextLines">The header's lines for the text output, already safe for a terminal.</param>
/// <param name="JsonFields">The fields the JSON document starts with (full values: the JSON writer escapes them).</param>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="Concurrency">Downloads in flight at once.</param>
/// <param name="SortResults">JSON results sorted by code (a short, known list) instead of streamed in completion order.</param>
/// <param name="ListErrors">The text summary repeats the first error lines when -v is off.</param>
internal sealed record RunHeader(
    IReadOnlyList<string> TextLines,
    IReadOnlyList<JsonField> JsonFields,
    string Strategy,
    int Concurrency,
    bool SortResults,
    bool ListErrors);
