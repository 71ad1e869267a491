namespace Futures.Orleans.Wire;

/// <summary>
/// The items a silo has taken, by <see cref="WorkRequest.ItemId"/>, kept for <see cref="RetainFor"/> after they
/// finish. A client that got no reply in time (the reply was lost on its way, for example through the gateway of a
/// silo that stopped) asks the same silo again with the same item id; the silo answers from here, from the one run,
/// instead of running the item a second time. Not thread-safe: the host calls it under its lock.
/// </summary>
internal sealed class TakenItems
{
    /// <summary>Longer than a client waits for a reply before it asks again (Orleans' response timeout, 30 s by default).</summary>
    public static readonly TimeSpan RetainFor = TimeSpan.FromMinutes(2);

    private readonly Dictionary<Guid, Future<WorkReply>> _byId = [];
    private readonly Queue<(Guid Id, Future<WorkReply> Future, long ExpiresAt)> _finished = new();

    /// <summary>The run of this item here, running or finished, unless it was cancelled before it started.</summary>
    public bool TryGet(Guid id, out Future<WorkReply> future)
    {
        Trim();
        return _byId.TryGetValue(id, out future!) && !future.Cancelled;
    }

    public void Add(Guid id, Future<WorkReply> future) => _byId[id] = future;

    /// <summary>The item's run has ended: keep its reply for <see cref="RetainFor"/>.</summary>
    public void Finished(Guid id, Future<WorkReply> future) =>
        _finished.Enqueue((id, future, Environment.TickCount64 + (long)RetainFor.TotalMilliseconds));

    private void Trim()
    {
        var now = Environment.TickCount64;
        while (_finished.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
        {
            _finished.Dequeue();
            // A later run of the same id (the first was cancelled unstarted) stays.
            if (_byId.TryGetValue(oldest.Id, out var current) && ReferenceEquals(current, oldest.Future))
            {
                _byId.Remove(oldest.Id);
            }
        }
    }
}
