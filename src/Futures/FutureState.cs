namespace Futures;

/// <summary>Where a <see cref="Future"/> is in its life: Pending -> Running -> Finished, or Pending -> Cancelled.</summary>
public enum FutureState
{
    /// <summary>Created or queued; not started. Only a pending future can be cancelled.</summary>
    Pending,

    /// <summary>Its work has started (see <see cref="Future.SetRunningOrNotifyCancel"/>); it can no longer be cancelled.</summary>
    Running,

    /// <summary>Cancelled before it started. Done.</summary>
    Cancelled,

    /// <summary>Completed with a result or an exception. Done.</summary>
    Finished,
}
