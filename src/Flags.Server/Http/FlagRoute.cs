namespace Flags.Server.Http;

/// <summary>What a request path names.</summary>
internal enum FlagRouteKind
{
    /// <summary>Nothing served here (404).</summary>
    NotFound,

    /// <summary><c>/flags/country_codes.txt</c>.</summary>
    CountryCodes,

    /// <summary><c>/flags/{cc}/{cc}.gif</c> with two ASCII letters (either case).</summary>
    Flag,

    /// <summary>The flag layout with something other than two ASCII letters as the code (400).</summary>
    BadCode,

    /// <summary><c>/blob/{bytes}</c>: generated content of any size (<see cref="BlobRequest"/>).</summary>
    Blob,
}

/// <summary>
/// Matches request paths against the reference layout by pure string checks: the file system is only ever asked
/// about two lower-case ASCII letters.
/// </summary>
internal static class FlagRoute
{
    public const string BasePath = "/flags";

    private const string Prefix = BasePath + "/";
    private const string CodesFile = "country_codes.txt";
    private const string GifSuffix = ".gif";

    // Every lower-case code, made once, so matching a flag path allocates nothing.
    private static readonly string[] LowerCodes = MakeLowerCodes();

    /// <summary>Classifies <paramref name="path"/> (the decoded request path).</summary>
    /// <param name="path">The request path.</param>
    /// <param name="code">The lower-case code, for <see cref="FlagRouteKind.Flag"/>.</param>
    public static FlagRouteKind Match(ReadOnlySpan<char> path, out string code)
    {
        code = string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return path.StartsWith(BlobRequest.Prefix, StringComparison.Ordinal) ? FlagRouteKind.Blob : FlagRouteKind.NotFound;
        }
        ReadOnlySpan<char> rest = path[Prefix.Length..];
        if (rest.SequenceEqual(CodesFile))
        {
            return FlagRouteKind.CountryCodes;
        }
        int slash = rest.IndexOf('/');
        if (slash < 0 || !rest.EndsWith(GifSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return FlagRouteKind.NotFound;
        }
        ReadOnlySpan<char> folder = rest[..slash];
        ReadOnlySpan<char> file = rest[(slash + 1)..^GifSuffix.Length];
        if (file.Contains('/'))
        {
            return FlagRouteKind.NotFound;
        }
        if (!IsCode(folder) || !IsCode(file))
        {
            return FlagRouteKind.BadCode;
        }
        if (!folder.Equals(file, StringComparison.OrdinalIgnoreCase))
        {
            return FlagRouteKind.NotFound;
        }
        code = LowerCodes[(((folder[0] | 0x20) - 'a') * 26) + ((folder[1] | 0x20) - 'a')];
        return FlagRouteKind.Flag;
    }

    private static bool IsCode(ReadOnlySpan<char> text) => text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]);

    private static string[] MakeLowerCodes()
    {
        var codes = new string[26 * 26];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = string.Concat((char)('a' + (i / 26)), (char)('a' + (i % 26)));
        }
        return codes;
    }
}
