using Flags.Commands;
using Flags.Engine;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>
/// Where -a gets its codes (issue 18): the embedded server's list is the process's own data, so no request is made
/// for it (a DELAY server would hold that request 500 ms before the first download); any other server is asked.
/// </summary>
public class CodeListTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("DELAY")]
    [InlineData("LOCAL")]
    public async Task All_EmbeddedServer_NoRequestForTheList(string label)
    {
        // Arrange: the flags run's own source and pipeline, with the embedded server's request log kept.
        using var log = new StringWriter();
        using var folder = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var source = new CountryCodeJobSource(ServerTarget.Parse(label), codes: null, limit: 30, RunDefaults.Timeout, error)
        {
            EmbeddedRequestLog = TextWriter.Synchronized(log),
        };

        // Act: the server is stopped when the run returns, so every request it took is in the log.
        var exit = await RunPipeline.RunAsync(
            new RunSettings { Output = folder.Path }, source, new RunOutput(output, error, false, () => 80), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(50));

        // Assert: the first 30 codes of the list, one request each, and none for country_codes.txt.
        Assert.Equal(0, exit);
        Assert.Empty(error.ToString());
        Assert.Contains($"Searching for 30 flags: from {CountryCodes.All[0]} to {CountryCodes.All[29]}", output.ToString(), StringComparison.Ordinal);
        var requests = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(30, requests.Length);
        Assert.All(requests, line => Assert.Contains(".gif 200 ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("country_codes.txt", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(30, folder.Files("*.gif").Length);
    }

    [Fact(Timeout = 30_000)]
    public async Task All_UrlServer_AsksItForTheList()
    {
        // Arrange
        using var log = new StringWriter();
        await using var server = await Servers.LocalAsync(TextWriter.Synchronized(log));
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["-a", "-l", "3", "-s", server.Url(), "-o", folder.Path]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(" GET /flags/country_codes.txt 200 ", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, folder.Files("*.gif").Length);
    }
}
