using System.Globalization;
using Flags.Reporting;

namespace Flags.Engine.BigFiles;

/// <summary>What a file's digest must be: <c>sha256=HEX</c> (also sha512, md5), from a list line or <c>--checksum</c>.</summary>
/// <param name="Algorithm">The digest.</param>
/// <param name="Hex">The expected value, lower-case hex.</param>
internal sealed record ExpectedDigest(DigestAlgorithm Algorithm, string Hex)
{
    /// <summary>True when <paramref name="text"/> has the shape <c>NAME=...</c> of a checksum (valid or not).</summary>
    public static bool LooksLikeOne(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && DigestAlgorithms.Parse(text[..equals]) is not null;
    }

    /// <summary>Parses <c>sha256=HEX</c>; on failure <paramref name="problem"/> says why, in the CLI's words.</summary>
    public static bool TryParse(string text, out ExpectedDigest? digest, out string? problem)
    {
        digest = null;
        problem = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var algorithm = equals > 0 ? DigestAlgorithms.Parse(text[..equals]) : null;
        if (algorithm is not { } known)
        {
            problem = $"'{TerminalText.Safe(text)}' is not a checksum. Write ALGORITHM=HEX with one of {string.Join(", ", DigestAlgorithms.Names)}, e.g. sha256=9f86d0...";
            return false;
        }

        var hex = text[(equals + 1)..];
        if (hex.Length != known.HexLength() || !hex.All(char.IsAsciiHexDigit))
        {
            problem = string.Create(
                CultureInfo.InvariantCulture,
                $"'{TerminalText.Safe(text)}' is not a {known.Name()} checksum: it needs {known.HexLength()} hex digits (0-9, a-f) after '{known.Name()}='.");
            return false;
        }

        digest = new ExpectedDigest(known, hex.ToLowerInvariant());
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm.Name()}={Hex}";
}
