using System.Security.Cryptography;

namespace Flags.Engine.BigFiles;

/// <summary>The digests a list line, <c>--checksum</c> and <c>--digest</c> accept: sha256, sha512, and md5 for old mirrors.</summary>
internal enum DigestAlgorithm
{
    /// <summary>SHA-256 (64 hex digits).</summary>
    Sha256,

    /// <summary>SHA-512 (128 hex digits).</summary>
    Sha512,

    /// <summary>MD5 (32 hex digits): only to check what old mirrors publish.</summary>
    Md5,
}

/// <summary>Names, sizes and hashers of <see cref="DigestAlgorithm"/>.</summary>
internal static class DigestAlgorithms
{
    /// <summary>The names as written on the command line and in lists, lower case.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sha256", "sha512", "md5"];

    /// <summary>The algorithm called <paramref name="name"/> (any case), or null.</summary>
    public static DigestAlgorithm? Parse(string name) => name.ToLowerInvariant() switch
    {
        "sha256" => DigestAlgorithm.Sha256,
        "sha512" => DigestAlgorithm.Sha512,
        "md5" => DigestAlgorithm.Md5,
        _ => null,
    };

    /// <summary>The lower-case name: <c>sha256</c>.</summary>
    public static string Name(this DigestAlgorithm algorithm) => Names[(int)algorithm];

    /// <summary>The digest's length in hex digits.</summary>
    public static int HexLength(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => 64,
        DigestAlgorithm.Sha512 => 128,
        _ => 32,
    };

    /// <summary>A new incremental hasher for <paramref name="algorithm"/>.</summary>
    public static IncrementalHash Create(this DigestAlgorithm algorithm) => IncrementalHash.CreateHash(algorithm switch
    {
        DigestAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        DigestAlgorithm.Sha512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.MD5,
    });
}
