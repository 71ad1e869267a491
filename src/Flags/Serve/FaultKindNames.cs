using Flags.Server;

namespace Flags.Serve;

/// <summary>The command-line names of <see cref="FaultKind"/>s: <c>500 503 429 reset short stall</c>.</summary>
internal static class FaultKindNames
{
    /// <summary>The names in <see cref="FaultKind"/> order, as listed in help and errors.</summary>
    public const string Listing = "500, 503, 429, reset, short, stall";

    /// <summary>Parses one name (either case; <c>http500</c> and the enum names are accepted too).</summary>
    public static bool TryParse(string text, out FaultKind kind)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "500" or "HTTP500":
                kind = FaultKind.Http500;
                return true;
            case "503" or "HTTP503":
                kind = FaultKind.Http503;
                return true;
            case "429" or "HTTP429":
                kind = FaultKind.Http429;
                return true;
            case "RESET" or "RESETMIDBODY":
                kind = FaultKind.ResetMidBody;
                return true;
            case "SHORT" or "SHORTBODY":
                kind = FaultKind.ShortBody;
                return true;
            case "STALL":
                kind = FaultKind.Stall;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>The command-line name of <paramref name="kind"/>.</summary>
    public static string NameOf(FaultKind kind) => kind switch
    {
        FaultKind.Http500 => "500",
        FaultKind.Http503 => "503",
        FaultKind.Http429 => "429",
        FaultKind.ResetMidBody => "reset",
        FaultKind.ShortBody => "short",
        FaultKind.Stall => "stall",
        _ => kind.ToString(),
    };
}
