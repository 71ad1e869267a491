namespace Futures.Tests.Aot;

/// <summary>
/// The published Native AOT test app (tests/Futures.AotApp), named by the environment variable FUTURES_AOT_APP:
/// .ci/run publishes it once with `dotnet publish tests/Futures.AotApp -c Release -r linux-x64 -o DIR` and sets it.
/// </summary>
public static class AotApp
{
    public const string Variable = "FUTURES_AOT_APP";

    /// <summary>The path from <see cref="Variable"/>, or null when unset (the tests then skip).</summary>
    public static string? Path => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    /// <summary>Runs the app in <paramref name="mode"/> to its end (60 s at most); its exit code and "name: value" lines.</summary>
    public static async Task<(int ExitCode, Dictionary<string, string> Lines, string Output)> RunAsync(string mode)
    {
        var (exitCode, output, error) = await ProcessPool.OwnExecutable.RunAsync(Path!, new Dictionary<string, string?>(), mode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return (exitCode, lines, $"exit {exitCode}; stdout: {output}; stderr: {error}");
    }
}

/// <summary>A fact that runs against the published Native AOT app, and skips (saying why) when none is named.</summary>
public sealed class AotFactAttribute : FactAttribute
{
    public AotFactAttribute()
    {
        Timeout = 120_000;
        if (AotApp.Path is null)
        {
            Skip = $"{AotApp.Variable} is not set: publish with `dotnet publish tests/Futures.AotApp -c Release -r linux-x64 -o <dir>` and set it to <dir>/Futures.AotApp (.ci/run does this).";
        }
    }
}
