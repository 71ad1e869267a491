using System.Diagnostics;

namespace Futures;

/// <summary>A point in monotonic time after which a wait gives up; <see cref="None"/> never expires.</summary>
internal readonly struct Deadline
{
    private readonly long _timestamp; // Stopwatch ticks; long.MaxValue means no deadline.

    private Deadline(long timestamp) => _timestamp = timestamp;

    public static Deadline None => new(long.MaxValue);

    public bool IsInfinite => _timestamp == long.MaxValue;

    /// <summary>A null or infinite timeout gives no deadline; a negative one has already expired.</summary>
    public static Deadline After(TimeSpan? timeout)
    {
        if (timeout is not { } t || t == Timeout.InfiniteTimeSpan)
        {
            return None;
        }

        var ticks = t <= TimeSpan.Zero ? 0 : (long)(t.TotalSeconds * Stopwatch.Frequency);
        var now = Stopwatch.GetTimestamp();
        return new Deadline(ticks >= long.MaxValue - now ? long.MaxValue - 1 : now + ticks);
    }

    /// <summary>Milliseconds left, for the wait primitives: -1 for no deadline, 0 once expired.</summary>
    public int RemainingMilliseconds()
    {
        if (IsInfinite)
        {
            return Timeout.Infinite;
        }

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _timestamp);
        return left <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue - 1, Math.Ceiling(left.TotalMilliseconds));
    }

    /// <summary>What is left as a timeout, for passing on: null for no deadline.</summary>
    public TimeSpan? Remaining()
    {
        if (IsInfinite)
        {
            return null;
        }

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _timestamp);
        return left <= TimeSpan.Zero ? TimeSpan.Zero : left;
    }
}
