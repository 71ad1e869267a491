using System.Security.Cryptography;

namespace Flags.Engine.BigFiles;

/// <summary>
/// The digests of one file being saved: the one its checksum asks for, and the one --digest reports (one hasher when
/// they are the same algorithm). Fed as the body streams, so nothing is read twice.
/// </summary>
internal sealed class FileDigests : IDisposable
{
    private readonly ExpectedDigest? _expected;
    private readonly DigestAlgorithm? _reported;
    private readonly IncrementalHash? _check;
    private readonly IncrementalHash? _report;

    private FileDigests(ExpectedDigest? expected, DigestAlgorithm? reported)
    {
        _expected = expected;
        _reported = reported;
        _check = expected?.Algorithm.Create();
        _report = reported is { } r && r != expected?.Algorithm ? r.Create() : null;
    }

    /// <summary>The digests to compute, or null when neither a checksum nor --digest asks for one.</summary>
    public static FileDigests? For(ExpectedDigest? expected, DigestAlgorithm? reported) =>
        expected is null && reported is null ? null : new FileDigests(expected, reported);

    /// <summary>Adds the next bytes of the file.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        _check?.AppendData(bytes);
        _report?.AppendData(bytes);
    }

    /// <summary>
    /// Ends the hashing: checks the expected digest and returns the reported one (<c>sha256=HEX</c>), or the checked one
    /// when --digest was not given.
    /// </summary>
    /// <exception cref="ChecksumMismatchException">The file is not what its checksum says.</exception>
    public string Finish()
    {
        string? checkedHex = null;
        if (_check is not null)
        {
            checkedHex = Convert.ToHexStringLower(_check.GetHashAndReset());
            if (!string.Equals(checkedHex, _expected!.Hex, StringComparison.Ordinal))
            {
                throw new ChecksumMismatchException(_expected, checkedHex);
            }
        }

        if (_report is not null)
        {
            return $"{_reported!.Value.Name()}={Convert.ToHexStringLower(_report.GetHashAndReset())}";
        }

        return $"{(_reported ?? _expected!.Algorithm).Name()}={checkedHex}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _check?.Dispose();
        _report?.Dispose();
    }
}
