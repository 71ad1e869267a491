using System.Text.Json;
using Flags.Server;
using Flags.Tests.Support;

namespace Flags.Tests.Tls;

/// <summary>
/// The client over HTTPS (HTTP/2 by ALPN, and HTTP/1.1) and over h2c (issue 18), against the embedded server on
/// 127.0.0.1 with its generated certificate trusted through --cacert (the PEM in a temp file) or --insecure.
/// </summary>
public class HttpsClientTests
{
    private const string InsecureLine = "Warning: --insecure: server certificates are not verified.";

    public static TheoryData<Transport, bool> Transports => new()
    {
        { Transport.HttpsHttp2, false },
        { Transport.HttpsHttp2, true },
        { Transport.HttpsHttp11, false },
        { Transport.HttpsHttp11, true },
        { Transport.H2c, false },
    };

    public static TheoryData<Transport, FaultKind> Faults()
    {
        var data = new TheoryData<Transport, FaultKind>();
        foreach (var transport in Enum.GetValues<Transport>())
        {
            foreach (var fault in Enum.GetValues<FaultKind>())
            {
                data.Add(transport, fault);
            }
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Transports))]
    public async Task Run_EveryOutcome_SavedNotFoundAndCountedAsOverHttp(Transport transport, bool insecure)
    {
        // Arrange: two flags and a code the server does not have.
        await using var server = await TlsServer.StartAsync(transport);
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(["BR", "CN", "QQ", "--json", "-s", server.Url, "-o", folder.Path, .. server.ClientArgs(insecure)]);

        // Assert
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(insecure ? InsecureLine + Environment.NewLine : "", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var statuses = json.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["BR"] = "ok", ["CN"] = "ok", ["QQ"] = "not_found" }, statuses);
        Assert.Equal(["br.gif", "cn.gif"], folder.Files("*.gif").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(folder.Files("*.gif"), f => Assert.Equal("GIF89a"u8.ToArray(), File.ReadAllBytes(f)[..6]));
        Assert.Empty(folder.Files("*.part"));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Faults))]
    public async Task Run_EveryFaultKind_RetriedThenOneCauseLine(Transport transport, FaultKind fault)
    {
        // Arrange: every request fails with this fault (a short --timeout only where the answer never ends).
        await using var server = await TlsServer.StartAsync(transport, new FlagServerOptions
        {
            Mode = ServerMode.Error,
            ErrorRate = 1.0,
            Faults = new HashSet<FaultKind> { fault },
            Delay = TimeSpan.Zero,
            Seed = 42,
        });
        using var folder = new TempDirectory();

        // Act
        var run = await FlagsRun.RunAsync(
            ["BR", "-v", "--retries", "1", "--retry-delay", "1ms", "--timeout", fault == FaultKind.Stall ? "2s" : "10s", "-s", server.Url, "-o", folder.Path, .. server.ClientArgs()]);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"BR error: {ExpectedCause(transport, fault)} after 2 tries", run.OutputLines);
        Assert.Empty(folder.Files());
    }

    private static string ExpectedCause(Transport transport, FaultKind fault) => (fault, transport) switch
    {
        (FaultKind.Http500, _) => "HTTP 500 Internal Server Error",
        (FaultKind.Http503, _) => "HTTP 503 Service Unavailable",
        (FaultKind.Http429, _) => "HTTP 429 Too Many Requests",
        (FaultKind.Stall, _) => "no complete answer within 2s",
        // Over TLS the reset after half the body reaches the client as the end of the encrypted stream.
        (FaultKind.ResetMidBody or FaultKind.ShortBody, Transport.HttpsHttp11) => "connection closed before the body was complete",
        _ => "the server reset the stream (HTTP/2 INTERNAL_ERROR)",
    };
}
