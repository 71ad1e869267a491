using System.CommandLine;
using Flags.Engine.BigFiles;
using Flags.Reporting;

namespace Flags.Commands;

/// <summary>
/// The big-file options of <c>flags fetch</c> (issue 17): -c, --checksum, --digest, --limit-rate,
/// --limit-rate-per-file and -x, each parsed and bounded here before anything starts, and bound into one
/// <see cref="TransferSettings"/>.
/// </summary>
internal sealed class TransferOptions
{
    /// <summary>The most connections -x opens per file (aria2c's bound).</summary>
    public const int MaxSplit = 16;

    private readonly Option<bool> _continue = new("--continue", "-c")
    {
        Description = "Resume a download that failed or was interrupted: its .part is kept with a small .part.resume sidecar, and the next run with -c asks only for the missing bytes (Range + If-Range). Without -c no partial file survives.",
    };

    private readonly Option<ExpectedDigest?> _checksum = new("--checksum")
    {
        Description = $"The digest the file must have, for one URL argument: ALGORITHM=HEX with {string.Join(", ", DigestAlgorithms.Names)}. List lines write it after the name. A mismatch is an error and the file is not kept.",
        HelpName = "CHECKSUM",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!ExpectedDigest.TryParse(text, out var digest, out var problem))
            {
                result.AddError($"--checksum: {problem}");
            }

            return digest;
        },
    };

    private readonly Option<DigestAlgorithm?> _digest = new("--digest")
    {
        Description = $"Report this digest of every saved file in --json ({string.Join(", ", DigestAlgorithms.Names)}), computed as the body streams.",
        HelpName = "DIGEST",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DigestAlgorithms.Parse(text) is { } algorithm)
            {
                return algorithm;
            }

            result.AddError($"'{TerminalText.Safe(text)}' is not a digest for --digest. Use one of: {string.Join(", ", DigestAlgorithms.Names)}.");
            return null;
        },
    };

    private readonly Option<long?> _limitRate = Rate("--limit-rate", "The most bytes per second over all downloads together, smoothly (no burst above one 64 KiB buffer): 500k, 10M, 1.5M.");
    private readonly Option<long?> _limitRatePerFile = Rate("--limit-rate-per-file", "The most bytes per second for each file (as --limit-rate).");
    private readonly Option<int?> _split = OptionValues.Int(
        "--split", "-x", 1, MaxSplit,
        $"Fetch each file of known length as N ranges over N connections (1 to {MaxSplit}, aria2c's -x), written in place; a server without ranges gets one stream. Default: 1.");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _continue, _checksum, _digest, _limitRate, _limitRatePerFile, _split })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings <paramref name="parse"/> gives.</summary>
    public TransferSettings Bind(ParseResult parse)
    {
        var settings = new TransferSettings
        {
            Continue = parse.GetValue(_continue),
            Checksum = parse.GetValue(_checksum),
            Digest = parse.GetValue(_digest),
            RateLimit = parse.GetValue(_limitRate),
            RateLimitPerFile = parse.GetValue(_limitRatePerFile),
            Split = parse.GetValue(_split) ?? 1,
        };
        return settings == TransferSettings.None ? TransferSettings.None : settings;
    }

    private static Option<long?> Rate(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "RATE",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (ByteRate.TryParse(name, text, out var rate, out var problem))
            {
                return rate;
            }

            result.AddError(problem!);
            return null;
        },
    };
}
