using Flags.Timeline;

namespace Flags.Tests.Timeline;

public class TryPhasesTests
{
    [Fact]
    public void From_SeededTries_PhasesAreOrderedAndSumToTheDuration()
    {
        // Arrange
        var timeline = SeededTimeline.Make(seed: 11, jobs: 676, slots: 30);

        // Act
        var phases = timeline.Entries.Select(e => timeline.Phases(e)).ToList();

        // Assert
        Assert.All(phases, p =>
        {
            double[] bounds = [p.Queued, p.Started, p.RequestSent, p.FirstByte, p.BodyEnd, p.Ended];
            Assert.Equal(bounds.Order(), bounds);
            Assert.Equal(p.Duration, p.Waiting + p.Connecting + p.WaitingForFirstByte + p.Receiving + p.Saving, 1e-9);
        });
    }

    [Fact]
    public void From_FailedBeforeHeaders_TimeGoesToConnecting()
    {
        // Arrange: a try that never got a response (refused, reset before headers).
        var stamps = new TryStamps { Queued = 100, Started = 200, Ended = 700 };

        // Act
        var p = TryPhases.From(stamps, 0, 1000);

        // Assert
        Assert.Equal(0.1, p.Waiting, 9);
        Assert.Equal(0.5, p.Connecting, 9);
        Assert.Equal(0, p.WaitingForFirstByte + p.Receiving + p.Saving, 9);
    }

    [Fact]
    public void From_ReusedConnectionWithoutSendStamp_TimeToHeadersIsFirstByte()
    {
        // Arrange: HttpClient does not say when the request went out; a pooled connection was reused.
        var stamps = new TryStamps { Started = 1000, FirstByte = 1500, BodyEnd = 1600, Ended = 1700 };

        // Act
        var p = TryPhases.From(stamps, 1000, 1000);

        // Assert
        Assert.Equal(0, p.Waiting, 9);
        Assert.Equal(0, p.Connecting, 9);
        Assert.Equal(0.5, p.WaitingForFirstByte, 9);
        Assert.Equal(0.1, p.Receiving, 9);
        Assert.Equal(0.1, p.Saving, 9);
    }

    [Fact]
    public void From_NewConnection_ConnectingEndsWhenTheConnectionIsOpen()
    {
        // Arrange
        var stamps = new TryStamps { Started = 0 + 1, ConnectStart = 2, ConnectEnd = 41, FirstByte = 541, BodyEnd = 541, Ended = 545 };

        // Act
        var p = TryPhases.From(stamps, 1, 1000);

        // Assert
        Assert.Equal(0.040, p.Connecting, 9);
        Assert.Equal(0.500, p.WaitingForFirstByte, 9);
        Assert.Equal(0, p.Receiving, 9);
        Assert.Equal(0.004, p.Saving, 9);
    }
}
