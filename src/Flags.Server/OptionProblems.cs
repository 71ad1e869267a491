using System.Globalization;

namespace Flags.Server;

/// <summary>
/// Every sentence that says an option of the server is wrong, in one place: <see cref="FlagServerOptions.Validate()"/>
/// uses them with the property names, <c>flags serve</c> with its option names (<c>--port</c>) for both the values it
/// cannot parse and the problems Validate finds.
/// </summary>
internal static class OptionProblems
{
    public const string RootLayout = "Give a folder laid out as {cc}/{cc}.gif.";

    public static string NotPort(string value, string option) =>
        $"'{value}' is not a port for {option}. Use 0 (any free port) to 65535.";

    public static string NotIpAddress(string value, string option) =>
        $"'{value}' is not an IP address for {option}. Use 127.0.0.1 (the default), ::1 or another address of this machine.";

    public static string NotProbability(string value, string option) =>
        $"'{value}' is not a probability for {option}. Use a number from 0 to 1, e.g. 0.25.";

    public static string Negative(TimeSpan value, string option) =>
        string.Create(CultureInfo.InvariantCulture, $"'{value.TotalMilliseconds} ms' is negative for {option}. Use 0 or more.");

    public static string NoFaultKinds(string faultsOption, string rateOption) =>
        $"No fault kinds are enabled for {faultsOption} but {rateOption} is above 0. Enable a fault kind or set {rateOption} to 0.";

    public static string UnknownMode(int value, string option) =>
        string.Create(CultureInfo.InvariantCulture, $"'{value}' is not a server mode for {option}. Use local, delay or error.");

    public static string RootMissing(string value, string option) =>
        $"'{value}' for {option} does not exist. {RootLayout}";

    public static string RootIsFile(string value, string option) =>
        $"'{value}' for {option} is a file, not a folder. {RootLayout}";

    public static string RootEmpty(string option) => $"{option} is empty. {RootLayout}";

    public static string Http2WithTls(string http2Option, string tlsOption) =>
        $"{http2Option} is cleartext HTTP/2 (h2c); with {tlsOption} HTTP/2 is negotiated by ALPN. Use one of them.";

    public static string CertificateNeedsKey(string certOption, string keyOption) =>
        $"{certOption} and {keyOption} go together: give both PEM files, or neither for a self-signed certificate.";

    public static string FileMissing(string value, string option) =>
        $"'{value}' for {option} does not exist. Give a PEM file.";

    public static string NotCertificatePair(string certificate, string key, string certOption, string keyOption, string reason) =>
        $"'{certificate}' ({certOption}) and '{key}' ({keyOption}) are not a PEM certificate and its private key: {reason} Give the PEM pair of one certificate.";
}
