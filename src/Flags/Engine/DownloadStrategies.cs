namespace Flags.Engine;

/// <summary>The strategies by <c>--strategy</c> name.</summary>
internal static class DownloadStrategies
{
    /// <summary>The names accepted by <c>--strategy</c>, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sequential", "threads", "futures", "async"];

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Names"/>.</exception>
    public static IDownloadStrategy Create(string name) => name.ToUpperInvariant() switch
    {
        "SEQUENTIAL" => new SequentialStrategy(),
        "THREADS" => new ThreadsStrategy(),
        "FUTURES" => new FuturesStrategy(),
        "ASYNC" => new AsyncStrategy(),
        _ => throw new ArgumentException($"'{name}' is not a strategy. Use one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
