using Futures.ProcessPool;

namespace Futures.Tests.ProcessPool;

/// <summary>The frame limit (issue 11): judged on the bytes a frame needs, with a message that gives both sizes.</summary>
public class FrameWriterTests
{
    [Fact]
    public void Write_GrowthWouldDoublePastTheLimit_GrowsOnlyToTheLimit()
    {
        // Arrange: 595 of 600 bytes used; doubling would give 1,200, over the 1,000-byte limit, but 895 are needed
        var writer = new FrameWriter(initialCapacity: 600, maxFrameLength: 1000);
        writer.Begin(1).WriteBytes(new byte[590]);

        // Act
        writer.WriteBytes(new byte[300]);

        // Assert
        Assert.Equal(4 + 1 + 890, writer.End().Length);
    }

    [Fact]
    public void Write_ExactlyAtTheLimit_IsAccepted()
    {
        // Arrange
        var writer = new FrameWriter(initialCapacity: 16, maxFrameLength: 1000);

        // Act
        writer.Begin(1).WriteBytes(new byte[999]);

        // Assert
        Assert.Equal(1004, writer.End().Length);
    }

    [Fact]
    public void Write_PastTheLimit_ThrowsSayingTheSizeAndTheLimit()
    {
        // Arrange
        var writer = new FrameWriter(initialCapacity: 16, maxFrameLength: 1000);
        writer.Begin(1);

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => writer.WriteBytes(new byte[1000]));

        // Assert
        Assert.Contains("1,001 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 1,000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetSpan_HintPastTheLimit_IsGrantedAndTheFrameJudgedOnWhatWasWritten()
    {
        // Arrange: Utf8JsonWriter asks for three bytes per character of a string, far more than it writes
        var writer = new FrameWriter(initialCapacity: 16, maxFrameLength: 1000);
        writer.Begin(1);

        // Act
        var span = writer.GetSpan(3000);
        writer.Advance(500);

        // Assert
        Assert.True(span.Length >= 3000);
        Assert.Equal(505, writer.End().Length);
    }

    [Fact]
    public void CheckLength_HintFilledPastTheLimit_ThrowsSayingTheSizeAndTheLimit()
    {
        // Arrange
        var writer = new FrameWriter(initialCapacity: 16, maxFrameLength: 1000);
        writer.Begin(1);
        _ = writer.GetSpan(3000);
        writer.Advance(2000);

        // Act
        var error = Assert.Throws<InvalidOperationException>(writer.CheckLength);

        // Assert
        Assert.Contains("2,001 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 1,000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_IsTheReal256MiB()
    {
        // Assert: the limit the pool uses, in the message's words
        Assert.Equal(268_435_456, Frames.MaxFrameLength);
        var error = Assert.Throws<InvalidOperationException>(() => new FrameWriter().Begin(1).GetSpan(int.MaxValue - 8));
        Assert.Contains("268,435,456 bytes (256 MiB)", error.Message, StringComparison.Ordinal);
    }
}
