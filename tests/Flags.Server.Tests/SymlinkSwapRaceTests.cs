using System.Runtime.InteropServices;
using System.Text;
using Flags.Server.Tests.Support;

namespace Flags.Server.Tests;

/// <summary>
/// Issue 16 part 7: a file (or folder) in the root swapped for a symbolic link to a file outside it, over and over,
/// while clients download it. The server may answer the inside file, 404 or nothing, but never a byte of the outside
/// file, and it must not keep a leaked body in its cache either.
/// </summary>
public sealed partial class SymlinkSwapRaceTests : IDisposable
{
    private static readonly TimeSpan RaceLength = TimeSpan.FromSeconds(3);
    private static readonly byte[] Inside = Encoding.ASCII.GetBytes("GIF89a inside the root");
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("GIF89a SECRET outside the root, longer than the inside one");
    private readonly TempDirectory _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact(Timeout = 60000)]
    public async Task Get_FlagFileSwappedForOutsideLinkInALoop_NeverServesTheOutsideFile()
    {
        // Arrange: root/br/br.gif is, in turn, a regular file and a link to sandbox/secret.gif, each put in place by
        // rename(2) over the other (os.replace), so the name always exists.
        string root = Path.Join(_sandbox.Path, "root");
        string target = _sandbox.Write("root/br/br.gif", Inside);
        string secret = _sandbox.Write("secret.gif", Secret);
        string stagedFile = Path.Join(root, "br", ".file");
        string stagedLink = Path.Join(root, "br", ".link");
        void SwapOnce()
        {
            File.CreateSymbolicLink(stagedLink, secret);
            File.Move(stagedLink, target, overwrite: true);
            File.WriteAllBytes(stagedFile, Inside);
            File.Move(stagedFile, target, overwrite: true);
        }

        // Act
        RaceResult result = await RaceAsync(root, "br", SwapOnce);

        // Assert
        AssertNoLeak(result);
    }

    [Fact(Timeout = 60000)]
    public async Task Get_CodeFolderLinkRepointedOutsideInALoop_NeverServesTheOutsideFile()
    {
        // Arrange: root/de is a link, re-pointed in turn at root/real (inside) and at sandbox/outside, which holds a
        // de.gif of its own.
        string root = Path.Join(_sandbox.Path, "root");
        _sandbox.Write("root/real/de.gif", Inside);
        _sandbox.Write("outside/de.gif", Secret);
        string folder = Path.Join(root, "de");
        string staged = Path.Join(root, ".de");
        Directory.CreateSymbolicLink(folder, "real");
        string outside = Path.Join(_sandbox.Path, "outside");
        void SwapOnce()
        {
            Directory.CreateSymbolicLink(staged, outside);
            Rename(staged, folder);
            Directory.CreateSymbolicLink(staged, "real");
            Rename(staged, folder);
        }

        // Act
        RaceResult result = await RaceAsync(root, "de", SwapOnce);

        // Assert
        AssertNoLeak(result);
    }

    private static void AssertNoLeak(RaceResult result)
    {
        Assert.True(result.Swaps > 50, $"Only {result.Swaps} swaps ran: the race was not exercised.");
        Assert.True(result.Answers > 50, $"Only {result.Answers} answers arrived: the race was not exercised.");
        Assert.True(result.InsideServed > 0, "The inside file was never served.");
        Assert.True(result.Leaks == 0, $"{result.Leaks} of {result.Answers} answers carried the outside file.");
    }

    /// <summary>Runs <paramref name="swapOnce"/> in a loop on its own thread while four clients download.</summary>
    private static async Task<RaceResult> RaceAsync(string root, string code, Action swapOnce)
    {
        await using FlagServer server = await TestServers.StartAsync(new FlagServerOptions { Root = root });
        using HttpClient client = TestServers.Client(maxConnections: 4);
        Uri url = server.Flag(code);
        using var stop = new CancellationTokenSource(RaceLength);
        long swaps = 0;
        Exception? swapFailure = null;
        var swapper = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    swapOnce();
                    swaps++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                swapFailure = ex;
            }
        })
        { IsBackground = true, Name = "symlink swapper" };
        swapper.Start();

        long answers = 0, leaks = 0, inside = 0;
        async Task ClientLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using HttpResponseMessage response = await client.GetAsync(url, CancellationToken.None);
                byte[] body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                Interlocked.Increment(ref answers);
                if (body.AsSpan().IndexOf("SECRET"u8) >= 0)
                {
                    Interlocked.Increment(ref leaks);
                }
                else if (body.AsSpan().SequenceEqual(Inside))
                {
                    Interlocked.Increment(ref inside);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(ClientLoopAsync)));
        Assert.True(swapper.Join(TimeSpan.FromSeconds(10)), "The swapper thread did not stop.");
        Assert.Null(swapFailure);

        // After the race, with the name left as the inside file or link, the cache must not hold a leaked body.
        using HttpResponseMessage after = await client.GetAsync(url);
        byte[] afterBody = await after.Content.ReadAsByteArrayAsync();
        if (afterBody.AsSpan().IndexOf("SECRET"u8) >= 0)
        {
            leaks++;
        }
        return new RaceResult(swaps, answers, inside, leaks);
    }

    /// <summary>rename(2) of a link over a link to a folder, which File.Move refuses (it follows the source).</summary>
    private static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0)
        {
            throw new IOException($"rename {from} -> {to} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    private sealed record RaceResult(long Swaps, long Answers, long InsideServed, long Leaks);
}
