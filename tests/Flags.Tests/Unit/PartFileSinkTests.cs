using Flags.Engine;
using Flags.Tests.Support;

namespace Flags.Tests.Unit;

public class PartFileSinkTests
{
    [Fact(Timeout = 10000)]
    public async Task SaveAsync_FullBody_WritesTargetAndNoPartFile()
    {
        // Arrange
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");
        var bytes = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();

        // Act
        var written = await PartFileSink.SaveAsync(new MemoryStream(bytes), bytes.Length, target, CancellationToken.None);

        // Assert
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.Empty(folder.Files("*.part"));
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_PartPathIsASymlink_NeverWritesThroughIt()
    {
        // Arrange: a link at br.gif.part to a file outside the folder (a swapped symlink).
        using var folder = new TempDirectory();
        using var outside = new TempDirectory();
        var victim = Path.Combine(outside.Path, "victim.txt");
        await File.WriteAllTextAsync(victim, "keep me");
        var target = Path.Combine(folder.Path, "br.gif");
        File.CreateSymbolicLink(target + ".part", victim);

        // Act
        await PartFileSink.SaveAsync(new MemoryStream(new byte[100]), 100, target, CancellationToken.None);

        // Assert
        Assert.Equal("keep me", await File.ReadAllTextAsync(victim));
        Assert.Equal(100, new FileInfo(target).Length);
        Assert.Null(new FileInfo(target).LinkTarget);
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_BodyShorterThanAnnounced_ThrowsAndLeavesNothing()
    {
        // Arrange
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");

        // Act
        var ex = await Assert.ThrowsAsync<BodyLengthException>(
            () => PartFileSink.SaveAsync(new MemoryStream(new byte[10]), 20, target, CancellationToken.None));

        // Assert
        Assert.Equal("body was 10 bytes, Content-Length said 20", ex.Message);
        Assert.Empty(folder.Files());
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_FailureWithOldTarget_KeepsTheOldTarget()
    {
        // Arrange
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");
        await File.WriteAllTextAsync(target, "complete old file");

        // Act
        await Assert.ThrowsAsync<BodyLengthException>(
            () => PartFileSink.SaveAsync(new MemoryStream(new byte[3]), 5, target, CancellationToken.None));

        // Assert
        Assert.Equal("complete old file", await File.ReadAllTextAsync(target));
        Assert.Empty(folder.Files("*.part"));
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_CancelledMidBody_DeletesThePartFile()
    {
        // Arrange: a body that yields some bytes, then waits until the token is cancelled.
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");
        using var cts = new CancellationTokenSource();
        var body = new StallingStream(firstChunk: 100, onStall: cts.Cancel);

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PartFileSink.SaveAsync(body, 1000, target, cts.Token));

        // Assert
        Assert.Empty(folder.Files());
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_StalePartFileThere_ReplacesIt()
    {
        // Arrange: a .part left by an earlier run that was killed, longer than the new body.
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");
        await File.WriteAllBytesAsync(target + ".part", new byte[5000]);
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();

        // Act
        await PartFileSink.SaveAsync(new MemoryStream(bytes), bytes.Length, target, CancellationToken.None);

        // Assert
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.Empty(folder.Files("*.part"));
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_FolderAtThePartPath_ThrowsAndKeepsTheOldTarget()
    {
        // Arrange: something at br.gif.part that cannot be unlinked (a folder).
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "br.gif");
        await File.WriteAllTextAsync(target, "complete old file");
        Directory.CreateDirectory(target + ".part");

        // Act
        var ex = await Assert.ThrowsAnyAsync<IOException>(
            () => PartFileSink.SaveAsync(new MemoryStream(new byte[10]), 10, target, CancellationToken.None));

        // Assert
        Assert.Contains("br.gif.part", ex.Message, StringComparison.Ordinal);
        Assert.Equal("complete old file", await File.ReadAllTextAsync(target));
    }

    [Theory(Timeout = 10000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveAsync_LongBodyInSmallReads_WritesEveryByteInOrder(bool announced)
    {
        // Arrange: 200,000 bytes (past the whole-body limit and many copy buffers) handed out 1,000 at a time.
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "big.bin");
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();

        // Act
        var written = await PartFileSink.SaveAsync(new TrickleStream(bytes, 1000), announced ? bytes.Length : null, target, CancellationToken.None);

        // Assert
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
    }

    [Fact(Timeout = 10000)]
    public async Task SaveAsync_EmptyBody_WritesAnEmptyFile()
    {
        // Arrange
        using var folder = new TempDirectory();
        var target = Path.Combine(folder.Path, "empty.txt");

        // Act
        var written = await PartFileSink.SaveAsync(new MemoryStream(), 0, target, CancellationToken.None);

        // Assert
        Assert.Equal(0, written);
        Assert.Equal(0, new FileInfo(target).Length);
        Assert.Empty(folder.Files("*.part"));
    }

    /// <summary>A read-only stream over <c>bytes</c> that returns at most <c>chunk</c> bytes a read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    /// <summary>Returns <c>firstChunk</c> bytes, then calls <c>onStall</c> and waits for the read's token.</summary>
    private sealed class StallingStream(int firstChunk, Action onStall) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[..firstChunk].Fill(7);
                return firstChunk;
            }

            onStall();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
