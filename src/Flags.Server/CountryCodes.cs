namespace Flags.Server;

/// <summary>
/// The 194 country codes of the reference flags data set (fluent-flags-spec.md section 2): the codes the server has
/// flags for when no root folder is given. Of the 676 possible codes AA..ZZ, the other 482 answer 404.
/// </summary>
public static class CountryCodes
{
    // Same set as the reference's country_codes.txt, kept here as the project's own data so that nothing is read
    // from outside the repository.
    private static readonly string[] Codes =
    [
        "AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE", "BF",
        "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD", "CF", "CG",
        "CH", "CI", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DZ",
        "EC", "EE", "EG", "ER", "ES", "ET", "FI", "FJ", "FM", "FR", "GA", "GB", "GD", "GE", "GH", "GM",
        "GN", "GQ", "GR", "GT", "GW", "GY", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IR",
        "IS", "IT", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KZ", "LA",
        "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MG", "MH",
        "MK", "ML", "MM", "MN", "MR", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI",
        "NL", "NO", "NP", "NR", "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PT", "PW", "PY", "QA",
        "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SI", "SK", "SL", "SM", "SN", "SO",
        "SR", "SS", "ST", "SV", "SY", "SZ", "TD", "TG", "TH", "TJ", "TL", "TM", "TN", "TO", "TR", "TT",
        "TV", "TW", "TZ", "UA", "UG", "US", "UY", "UZ", "VA", "VC", "VE", "VN", "VU", "WS", "YE", "ZA",
        "ZM", "ZW"
    ];

    private static readonly HashSet<string> Lookup = new(Codes, StringComparer.OrdinalIgnoreCase);

    /// <summary>The 194 codes, upper case, sorted ordinally (AD ... ZW).</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(Codes);

    /// <summary>Whether <paramref name="code"/> (either case) is one of <see cref="All"/>.</summary>
    /// <param name="code">A candidate code; <see langword="null"/> gives <see langword="false"/>.</param>
    public static bool Contains(string? code) => code is not null && Lookup.Contains(code);
}
