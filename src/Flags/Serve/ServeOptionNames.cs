using Flags.Server;

namespace Flags.Serve;

/// <summary>The option of <c>flags serve</c> behind each <see cref="FlagServerOptions"/> property, so problems
/// found by <see cref="FlagServerOptions.Validate()"/> name what the user typed.</summary>
internal static class ServeOptionNames
{
    public const string Mode = "--mode";
    public const string Host = "--host";
    public const string Port = "--port";
    public const string Delay = "--delay";
    public const string Jitter = "--jitter";
    public const string ErrorRate = "--error-rate";
    public const string Faults = "--faults";
    public const string Seed = "--seed";
    public const string Root = "--root";
    public const string Verbose = "--verbose";
    public const string Tls = "--tls";
    public const string Certificate = "--cert";
    public const string Key = "--key";
    public const string Http2 = "--http2";

    /// <summary>The option for property <paramref name="property"/> (the property name itself when there is none).</summary>
    public static string For(string property) => property switch
    {
        nameof(FlagServerOptions.Mode) => Mode,
        nameof(FlagServerOptions.Host) => Host,
        nameof(FlagServerOptions.Port) => Port,
        nameof(FlagServerOptions.Delay) => Delay,
        nameof(FlagServerOptions.Jitter) => Jitter,
        nameof(FlagServerOptions.ErrorRate) => ErrorRate,
        nameof(FlagServerOptions.Faults) => Faults,
        nameof(FlagServerOptions.Seed) => Seed,
        nameof(FlagServerOptions.Root) => Root,
        nameof(FlagServerOptions.Tls) => Tls,
        nameof(FlagServerOptions.CertificatePath) => Certificate,
        nameof(FlagServerOptions.KeyPath) => Key,
        nameof(FlagServerOptions.Http2) => Http2,
        _ => property,
    };
}
