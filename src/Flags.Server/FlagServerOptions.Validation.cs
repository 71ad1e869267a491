using System.Globalization;
using System.Net;

namespace Flags.Server;

/// <content>Validation of the options, every problem at once.</content>
public sealed partial class FlagServerOptions
{
    /// <summary>
    /// Checks every option and returns one sentence per problem (what is wrong, the value, what to use instead);
    /// empty when the options are valid. <see cref="FlagServer.StartAsync"/> refuses options with problems.
    /// </summary>
    /// <returns>The problems, in the order of the properties; empty when there are none.</returns>
    public IReadOnlyList<string> Validate() => Validate(static property => property);

    /// <summary>As <see cref="Validate()"/>, naming each option as <paramref name="nameOf"/> maps its property name
    /// (<c>flags serve</c> says <c>--port</c> where the API says <c>Port</c>).</summary>
    internal IReadOnlyList<string> Validate(Func<string, string> nameOf)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            problems.Add(OptionProblems.UnknownMode((int)Mode, nameOf(nameof(Mode))));
        }
        if (ParseHost(Host) is null)
        {
            problems.Add(OptionProblems.NotIpAddress(Host, nameOf(nameof(Host))));
        }
        if (Port is < 0 or > 65535)
        {
            problems.Add(OptionProblems.NotPort(Port.ToString(CultureInfo.InvariantCulture), nameOf(nameof(Port))));
        }
        if (Delay is { } delay && delay < TimeSpan.Zero)
        {
            problems.Add(OptionProblems.Negative(delay, nameOf(nameof(Delay))));
        }
        if (Jitter < TimeSpan.Zero)
        {
            problems.Add(OptionProblems.Negative(Jitter, nameOf(nameof(Jitter))));
        }
        if (ErrorRate is { } rate && !(rate >= 0 && rate <= 1))
        {
            problems.Add(OptionProblems.NotProbability(rate.ToString(CultureInfo.InvariantCulture), nameOf(nameof(ErrorRate))));
        }
        else if (Faults is { Count: 0 } && EffectiveErrorRate > 0)
        {
            problems.Add(OptionProblems.NoFaultKinds(nameOf(nameof(Faults)), nameOf(nameof(ErrorRate))));
        }
        if (RootProblem(nameOf(nameof(Root))) is { } root)
        {
            problems.Add(root);
        }
        AddTransportProblems(problems, nameOf);
        return problems;
    }

    /// <summary>The error rate in effect: the option, or the mode's default.</summary>
    internal double EffectiveErrorRate => ErrorRate ?? (Mode == ServerMode.Error ? DefaultErrorRate : 0);

    /// <summary><see cref="Host"/> as an address (<c>localhost</c> is 127.0.0.1), or <see langword="null"/>.</summary>
    internal static IPAddress? ParseHost(string? host)
    {
        string text = (host ?? string.Empty).Trim();
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }
        return IPAddress.TryParse(text.Trim('[', ']'), out IPAddress? address) ? address : null;
    }

    private string? RootProblem(string option)
    {
        if (Root is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(Root))
        {
            return OptionProblems.RootEmpty(option);
        }
        if (File.Exists(Root))
        {
            return OptionProblems.RootIsFile(Root, option);
        }
        return Directory.Exists(Root) ? null : OptionProblems.RootMissing(Root, option);
    }
}
