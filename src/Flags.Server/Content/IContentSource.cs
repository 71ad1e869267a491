namespace Flags.Server.Content;

/// <summary>Where the served bodies come from: the generated flags or a root folder.</summary>
internal interface IContentSource
{
    /// <summary>The GIF of <paramref name="code"/>, or <see langword="null"/> when there is none (404).</summary>
    /// <param name="code">Exactly two lower-case ASCII letters; callers validate before asking.</param>
    /// <param name="cancellationToken">Cancels a file read.</param>
    ValueTask<StaticResource?> GetFlagAsync(string code, CancellationToken cancellationToken);

    /// <summary>The space-separated code list, or <see langword="null"/> when there is none (404).</summary>
    /// <param name="cancellationToken">Cancels a file read.</param>
    ValueTask<StaticResource?> GetCountryCodesAsync(CancellationToken cancellationToken);
}
