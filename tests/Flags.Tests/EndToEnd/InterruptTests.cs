using Flags.Tests.Support;

namespace Flags.Tests.EndToEnd;

/// <summary>Ctrl+C at any moment ends with the summary line and exit 130: before the first download too.</summary>
public class InterruptTests
{
    [Fact(Timeout = 30000)]
    public async Task Run_InterruptedBeforeTheServerStarts_SaysNoneOfTheCodesFinished()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        // Act
        var run = await FlagsRun.RunAsync(["-o", folder.Path], cancellationToken: interrupt.Token);

        // Assert
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("Interrupted: 0 of 20 codes finished.", run.OutputLines[0]);
        Assert.Contains("  0 flags downloaded.", run.OutputLines);
        Assert.Empty(folder.Files());
    }

    [Theory(Timeout = 30000)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(80)]
    [InlineData(200)]
    public async Task Run_InterruptedWhileTheEmbeddedServerStartsOrRuns_EndsWithTheSummaryAnd130(int afterMilliseconds)
    {
        // Arrange: wherever the interrupt lands (server start-up, the header, the downloads), the outcome is the same.
        using var folder = new TempDirectory();
        using var interrupt = new CancellationTokenSource();

        // Act
        var running = FlagsRun.RunAsync(["-s", "DELAY", "-a", "-o", folder.Path], cancellationToken: interrupt.Token);
        interrupt.CancelAfter(afterMilliseconds);
        var run = await running;

        // Assert
        Assert.Equal(130, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("Interrupted: ", StringComparison.Ordinal) && l.EndsWith(" of 194 codes finished.", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith("Elapsed time: ", StringComparison.Ordinal));
        Assert.Empty(folder.Files("*.part"));
    }

    [Fact(Timeout = 30000)]
    public async Task Run_InterruptedWhileReadingTheCodeList_EndsWithTheSummaryAnd130()
    {
        // Arrange: a server that takes the request for country_codes.txt and never answers.
        await using var server = new CountingHttpServer(answer: false);
        using var folder = new TempDirectory();
        using var interrupt = new CancellationTokenSource();

        // Act
        var running = FlagsRun.RunAsync(["-a", "-s", server.BaseUrl + "/flags", "-o", folder.Path], cancellationToken: interrupt.Token);
        var request = await server.RequestAsync();
        await interrupt.CancelAsync();
        var run = await running;

        // Assert
        Assert.Equal("GET /flags/country_codes.txt HTTP/1.1", request);
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("Interrupted: 0 codes finished.", run.OutputLines[0]);
        Assert.Contains("  0 flags downloaded.", run.OutputLines);
    }

    [Fact(Timeout = 30000)]
    public async Task Run_InterruptedBeforeStartWithJson_WritesADocumentThatSaysSo()
    {
        // Arrange
        using var folder = new TempDirectory();
        using var interrupt = new CancellationTokenSource();
        await interrupt.CancelAsync();

        // Act
        var run = await FlagsRun.RunAsync(["--json", "-o", folder.Path], cancellationToken: interrupt.Token);

        // Assert
        Assert.Equal(130, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.Equal(20, json.RootElement.GetProperty("requested").GetInt32());
        Assert.Equal(130, json.RootElement.GetProperty("exitCode").GetInt32());
    }
}
