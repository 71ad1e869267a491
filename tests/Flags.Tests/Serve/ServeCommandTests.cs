using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Flags.Reporting;
using Flags.Serve;
using Flags.Server;

namespace Flags.Tests.Serve;

public partial class ServeCommandTests
{
    /// <summary>A writer whose lines can be awaited, so a test knows when the server has printed its URL.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly Lock _gate = new();
        private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];
        private readonly List<string> _lines = [];
        private string _partial = string.Empty;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            base.Write(value);
            lock (_gate)
            {
                _partial += value;
                int newline;
                while ((newline = _partial.IndexOf('\n', StringComparison.Ordinal)) >= 0)
                {
                    string line = _partial[..newline].TrimEnd('\r');
                    _partial = _partial[(newline + 1)..];
                    _lines.Add(line);
                    foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                    {
                        waiter.Done.TrySetResult(line);
                        _waiters.Remove(waiter);
                    }
                }
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public Task<string> LineAsync(Func<string, bool> match)
        {
            lock (_gate)
            {
                string? existing = _lines.FirstOrDefault(match);
                if (existing is not null)
                {
                    return Task.FromResult(existing);
                }
                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex HttpsPattern();

    private static (Task<int> Run, LineWriter Output, LineWriter Error, CancellationTokenSource Stop) Start(params string[] args)
    {
        var root = new RootCommand { ServeCommand.Create() };
        var output = new LineWriter();
        var error = new LineWriter();
        var stop = new CancellationTokenSource();
        ParseResult parsed = root.Parse(["serve", .. args]);
        Assert.Empty(parsed.Errors);
        Task<int> run = parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        return (run, output, error, stop);
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_Port0_PrintsUrlServesFlagsAndStopsWithExit0()
    {
        // Arrange
        var (run, output, _, stop) = Start("--port", "0", "--mode", "delay", "--delay", "50ms");
        string banner = await output.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal));
        var baseUrl = new Uri(UrlPattern().Match(banner).Value);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        // Act
        using HttpResponseMessage response = await client.GetAsync($"{baseUrl}/br/br.gif");
        byte[] gif = await response.Content.ReadAsByteArrayAsync();
        await stop.CancelAsync();
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.Contains("(mode: delay, 50 ms)", banner, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(gif, 0, 6));
        Assert.Equal(0, exitCode);
        Assert.Contains("Server stopped.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_Verbose_LogsOneLinePerRequest()
    {
        // Arrange
        var (run, output, _, stop) = Start("--port", "0", "--verbose");
        string banner = await output.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal));
        string baseUrl = UrlPattern().Match(banner).Value;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        // Act
        (await client.GetAsync($"{baseUrl}/qq/qq.gif")).Dispose();
        string logLine = await output.LineAsync(line => line.Contains("/flags/qq/qq.gif", StringComparison.Ordinal));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Contains("GET /flags/qq/qq.gif 404", logLine, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_Tls_HttpsUrlAndTheFingerprintOfTheServedCertificate()
    {
        // Arrange
        var (run, output, _, stop) = Start("--port", "0", "--tls");
        string banner = await output.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal));
        string certificateLine = await output.LineAsync(line => line.StartsWith("Certificate: ", StringComparison.Ordinal));
        var baseUrl = new Uri(HttpsPattern().Match(banner).Value);
        // Trust exactly the certificate whose fingerprint the banner printed (a self-signed one has no chain).
        string printed = certificateLine[(certificateLine.LastIndexOf(' ') + 1)..].Replace(":", string.Empty, StringComparison.Ordinal);
        string? presented = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
            return presented == printed;
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };

        // Act
        using HttpResponseMessage response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/br/br.gif")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        await stop.CancelAsync();
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("HTTP/1.1 and HTTP/2 over TLS", banner, StringComparison.Ordinal);
        Assert.Equal(printed, presented);
        Assert.Equal(64, printed.Length);
        Assert.Equal(0, exitCode);
    }

    [Theory(Timeout = 60000)]
    [InlineData("--cert and --key go together", "--cert", "x.pem")]
    [InlineData("--http2 is cleartext HTTP/2 (h2c); with --tls", "--tls", "--http2")]
    public async Task Run_BadTlsOptions_OneLineExit2(string expected, params string[] args)
    {
        // Arrange
        var (run, output, error, _) = Start(["--port", "0", .. args]);

        // Act
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith(expected, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact(Timeout = 60000)]
    public async Task Run_CertificateFileNotPem_OneLineExit2()
    {
        // Arrange
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "not a certificate");
        try
        {
            // Act
            var (run, _, error, _) = Start("--port", "0", "--cert", file, "--key", file);
            int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

            // Assert
            Assert.Equal(ExitCodes.Usage, exitCode);
            string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"'{file}' (--cert) and '{file}' (--key) are not a PEM certificate and its private key:", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_ErrorModeWithSeed_BannerShowsRateDelayAndSeed()
    {
        // Arrange
        var (run, output, _, stop) = Start("--port", "0", "--mode", "ERROR", "--seed", "7", "--faults", "503,reset");

        // Act
        string banner = await output.LineAsync(line => line.StartsWith("Serving flags at ", StringComparison.Ordinal));
        await stop.CancelAsync();
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Contains("mode: error, 25% faults (503, reset), 500 ms on half of the rest, seed 7", banner, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_MissingRoot_OneLineErrorExit2()
    {
        // Arrange
        string missing = Path.Join(Path.GetTempPath(), "flags-serve-missing-" + Guid.NewGuid().ToString("N"));

        // Act
        var (run, _, error, _) = Start("--port", "0", "--root", missing);
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Serve_PortInUse_OneLineErrorExit1()
    {
        // Arrange
        await using FlagServer busy = await FlagServer.StartAsync(new FlagServerOptions());

        // Act
        var (run, _, error, _) = Start("--port", busy.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(1, exitCode);
        Assert.StartsWith("Cannot listen on 127.0.0.1:", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--port", "abc", "'abc' is not a port for --port.")]
    [InlineData("--mode", "slow", "'slow' is not a server mode for --mode.")]
    [InlineData("--delay", "5x", "'5x' is not a time for --delay.")]
    [InlineData("--jitter", "-1", "'-1' is not a time for --jitter.")]
    [InlineData("--error-rate", "x", "'x' is not a probability for --error-rate.")]
    [InlineData("--faults", "503,teapot", "'teapot' is not a fault kind for --faults.")]
    [InlineData("--seed", "x", "'x' is not a seed for --seed.")]
    public void Parse_BadOptionSyntax_OneClearError(string option, string value, string expected)
    {
        // Arrange
        var root = new RootCommand { ServeCommand.Create() };

        // Act
        ParseResult parsed = root.Parse(["serve", option, value]);

        // Assert
        ParseErrorAssert.Single(parsed, expected);
    }

    [Theory(Timeout = 60000)]
    [InlineData("'70000' is not a port for --port. Use 0 (any free port) to 65535.", "--port", "70000")]
    [InlineData("'-1' is not a port for --port. Use 0 (any free port) to 65535.", "--port", "-1")]
    [InlineData("'1.5' is not a probability for --error-rate. Use a number from 0 to 1, e.g. 0.25.", "--error-rate", "1.5")]
    [InlineData("'example' is not an IP address for --host. Use 127.0.0.1 (the default), ::1 or another address of this machine.", "--host", "example")]
    [InlineData("'--bogus' is not an option of flags serve. See flags serve --help for the options.", "--bogus")]
    [InlineData("'stray' is not an option of flags serve. See flags serve --help for the options.", "--port", "0", "stray")]
    public async Task Run_BadOptionValue_OneLineExit2AndNoServer(string expected, params string[] args)
    {
        // Arrange
        var (run, output, error, _) = Start(args);

        // Act
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(ExitCodes.Usage, exitCode);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Serving flags", output.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60000)]
    public async Task Run_RootIsAFile_SaysItIsAFileExit2()
    {
        // Arrange: a file, as /etc/passwd would be (issue 16).
        string file = Path.GetTempFileName();
        try
        {
            // Act
            var (run, _, error, _) = Start("--port", "0", "--root", file);
            int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

            // Assert
            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.Equal($"'{file}' for --root is a file, not a folder. Give a folder laid out as {{cc}}/{{cc}}.gif.", error.ToString().Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(Timeout = 60000)]
    public async Task Run_SeveralBadValues_OneLineEach()
    {
        // Arrange
        var (run, _, error, _) = Start("--port", "70000", "--host", "example", "--error-rate", "2");

        // Act
        int exitCode = await run.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.Equal(ExitCodes.Usage, exitCode);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("'example' is not an IP address for --host.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("'70000' is not a port for --port.", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("'2' is not a probability for --error-rate.", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Serve_OwnUsageExamplesAndExitCodesWithoutTheRootsCodes()
    {
        // Arrange
        var root = new RootCommand { ServeCommand.Create() };
        root.Arguments.Add(new Argument<string[]>("CC") { Arity = ArgumentArity.ZeroOrMore });
        var output = new StringWriter();

        // Act
        int exitCode = root.Parse(["serve", "--help"]).Invoke(new InvocationConfiguration { Output = output });

        // Assert
        string help = output.ToString();
        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:" + Environment.NewLine + "  flags serve [options]" + Environment.NewLine, help, StringComparison.Ordinal);
        Assert.DoesNotContain("<CC>", help, StringComparison.Ordinal);
        Assert.DoesNotContain("additional arguments", help, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--port <PORT>", help, StringComparison.Ordinal);
        Assert.Contains("Examples:", help, StringComparison.Ordinal);
        Assert.EndsWith("2  bad option value (one line per problem)", help.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(help, "Default: the mode's \\(0 local"));
    }

    [Fact(Timeout = 60000)]
    public async Task Program_BadOptionValue_PrintsOneLineAndExits2()
    {
        // Arrange: the real program, as a user runs it.
        string program = Path.Join(AppContext.BaseDirectory, "flags.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { program, "serve", "--port", "abc" })
        {
            start.ArgumentList.Add(arg);
        }

        // Act
        using Process process = Process.Start(start)!;
        string stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("'abc' is not a port for --port. Use 0 (any free port) to 65535.", stderr.Trim());
    }

    [Fact(Timeout = 60000)]
    public async Task Program_CodesBeforeServe_OneLineExit2()
    {
        // Arrange: the real program; "flags BR serve" used to ignore BR silently (issue 16).
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { Path.Join(AppContext.BaseDirectory, "flags.dll"), "BR", "serve", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        // Act
        using Process process = Process.Start(start)!;
        string stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        string stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(ExitCodes.Usage, process.ExitCode);
        // The command line's own check of words written before a subcommand (FlagsApp) answers first.
        Assert.StartsWith("'BR' belongs to flags, not to flags serve", stderr.Trim(), StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact(Timeout = 60000)]
    public async Task Program_SigTerm_StopsCleanlyWithExit0()
    {
        // Arrange: the real program; SIGTERM is what a service manager or `kill` sends (POSIX only).
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Join(AppContext.BaseDirectory, "flags.dll"), "serve", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        string? banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("Serving flags at http://127.0.0.1:", banner, StringComparison.Ordinal);

        // Act
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        string rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // Assert
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Server stopped.", rest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerMode.Local, 8000)]
    [InlineData(ServerMode.Delay, 8001)]
    [InlineData(ServerMode.Error, 8002)]
    public void DefaultPort_EachMode_TheReferencePort(ServerMode mode, int port)
    {
        // Arrange
        ServerMode chosen = mode;

        // Act
        int actual = ServeCommand.DefaultPort(chosen);

        // Assert
        Assert.Equal(port, actual);
    }

    private static class ParseErrorAssert
    {
        public static void Single(ParseResult parsed, string expectedStart)
        {
            Assert.Single(parsed.Errors);
            Assert.StartsWith(expectedStart, parsed.Errors[0].Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', parsed.Errors[0].Message);
        }
    }
}
