namespace Futures;

/// <summary>When <see cref="Future.Wait{TFuture}"/> returns.</summary>
public enum ReturnWhen
{
    /// <summary>As soon as any future finishes or is cancelled.</summary>
    FirstCompleted,

    /// <summary>As soon as any future finishes with an exception; if none does, when all are done (same as <see cref="AllCompleted"/>).</summary>
    FirstException,

    /// <summary>When every future is done.</summary>
    AllCompleted,
}
