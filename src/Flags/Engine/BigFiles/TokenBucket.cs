namespace Flags.Engine.BigFiles;

/// <summary>
/// A smooth rate limit (<c>--limit-rate</c>): a token bucket that fills at the rate and holds at most one buffer, so
/// no burst ever exceeds one buffer. A caller takes tokens for the bytes it just read; when the bucket is short it
/// reserves them anyway (the level goes below zero) and waits until the level would be back at zero, so concurrent
/// readers queue in order and together never pass the rate. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _capacity;
    private double _level;
    private long _stamp;

    /// <summary>Creates a full bucket of <paramref name="capacity"/> bytes filling at <paramref name="bytesPerSecond"/>.</summary>
    public TokenBucket(long bytesPerSecond, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _rate = bytesPerSecond;
        _capacity = capacity;
        _time = time;
        _level = capacity;
        _stamp = time.GetTimestamp();
    }

    /// <summary>The rate in bytes per second.</summary>
    public long BytesPerSecond => (long)_rate;

    /// <summary>Takes <paramref name="bytes"/> tokens, waiting as long as the rate requires.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public Task TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _level = Math.Min(_capacity, _level + (_time.GetElapsedTime(_stamp, now).TotalSeconds * _rate));
            _stamp = now;
            _level -= bytes;
            if (_level >= 0)
            {
                return Task.CompletedTask;
            }

            wait = TimeSpan.FromSeconds(-_level / _rate);
        }

        return Task.Delay(wait, _time, cancellationToken);
    }
}
